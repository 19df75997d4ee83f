using Costs.CostAnalyzer.Commitments;
using Costs.CostAnalyzer.Idle;
using Costs.CostAnalyzer.Rightsizing;
using Costs.CostAnalyzer.Spot;

namespace Costs.CostAnalyzer.Recommendations;

/// <summary>
/// Everything `costs recommend` says as of a day: commitments to buy (or wait for), node pools to move to
/// spot, workloads to rightsize and idle capacity, each with its monthly savings and its reason.
/// <see cref="HistoryDays"/> is how much billing history there was; <see cref="LookbackDays"/> how much
/// of it the commitments were sized on. <see cref="Notes"/> say what could not be judged and why (a
/// missing price, a pool without an environment).
/// </summary>
public sealed record RecommendationSet(
    DateOnly AsOf,
    int HistoryDays,
    int LookbackDays,
    IReadOnlyList<CommitmentRecommendation> Commitments,
    IReadOnlyList<SpotRecommendation> Spot,
    IReadOnlyList<RightsizingRecommendation> Rightsizing,
    IReadOnlyList<IdleRecommendation> Idle,
    IReadOnlyList<string> Notes);
