using Costs.CostAnalyzer.Commitments;
using Costs.CostAnalyzer.Idle;
using Costs.CostAnalyzer.Rightsizing;
using Costs.CostAnalyzer.Spot;

namespace Costs.CostAnalyzer.Recommendations;

/// <summary>
/// Options of the recommend stage (configuration section <c>Recommendations</c>), one part per kind of
/// recommendation. <see cref="Validate"/> names each error by its configuration path.
/// </summary>
public sealed class RecommendationOptions
{
    public const string SectionName = "Recommendations";

    public CommitmentOptions Commitments { get; set; } = new();
    public SpotOptions Spot { get; set; } = new();
    public RightsizingOptions Rightsizing { get; set; } = new();
    public IdleOptions Idle { get; set; } = new();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Commitments.Validate($"{SectionName}:Commitments", errors);
        Spot.Validate($"{SectionName}:Spot", errors);
        Rightsizing.Validate($"{SectionName}:Rightsizing", errors);
        Idle.Validate($"{SectionName}:Idle", errors);
        return errors;
    }
}
