using System.Globalization;
using Costs.CostAnalyzer.Commitments;
using Costs.CostAnalyzer.Idle;
using Costs.CostAnalyzer.Recommendations;
using Costs.CostAnalyzer.Rightsizing;
using Costs.CostAnalyzer.Spot;
using Costs.CostModel.Money;

namespace Costs.CostReports.Workbook;

/// <summary>One row of the Recommendations sheet: any kind of recommendation, in a finance reader's words.</summary>
internal sealed record RecommendationLine(string Kind, string What, string Action, decimal MonthlySavings, string Reason);

/// <summary>
/// Turns a <see cref="RecommendationSet"/> into the rows of the Recommendations sheet, largest monthly savings
/// first. Recommendations in another currency than the report's are left out and counted in a note.
/// </summary>
internal static class RecommendationLines
{
    private const decimal BytesPerGiB = 1024m * 1024m * 1024m;

    public static (IReadOnlyList<RecommendationLine> Lines, IReadOnlyList<string> Notes) Of(RecommendationSet set, Currency currency)
    {
        var lines = new List<RecommendationLine>();
        var foreign = 0;
        void Add(Currency of, RecommendationLine line)
        {
            if (of == currency) lines.Add(line);
            else foreign++;
        }

        foreach (var c in set.Commitments) Add(c.Currency, Commitment(c));
        foreach (var s in set.Spot) Add(s.Currency, Spot(s));
        foreach (var r in set.Rightsizing) Add(r.Currency, Rightsizing(r));
        foreach (var i in set.Idle) Add(i.Currency, Idle(i));

        var notes = set.Notes.ToList();
        if (foreign > 0)
            notes.Add($"{foreign.ToString(CultureInfo.InvariantCulture)} recommendation(s) in another currency than {currency.Code} are left out of this sheet.");
        var sorted = lines
            .OrderByDescending(l => l.MonthlySavings)
            .ThenBy(l => l.Kind, StringComparer.Ordinal)
            .ThenBy(l => l.What, StringComparer.Ordinal)
            .ThenBy(l => l.Action, StringComparer.Ordinal)
            .ToList();
        return (sorted, notes);
    }

    /// <summary>"N2 vCPU in us-central1, 3-year" or "flexible commitments in europe-west1, 1-year".</summary>
    public static string PoolAndTerm(CommitmentRecommendation c) => $"{Pool(c)}, {c.Term.Years()}";

    public static string Pool(CommitmentRecommendation c) =>
        (c.Type == CommitmentType.Resource && c.Family is { } family && c.Resource is { } resource
            ? PoolKey.ForResource(c.Region, family, resource)
            : PoolKey.ForFlexible(c.Region)).ToString();

    public static string Advice(CommitmentAdvice advice) => advice switch
    {
        CommitmentAdvice.Buy => "Buy",
        CommitmentAdvice.Wait => "Wait",
        CommitmentAdvice.None => "None",
        _ => throw new ArgumentOutOfRangeException(nameof(advice), advice, "Unknown commitment advice."),
    };

    private static RecommendationLine Commitment(CommitmentRecommendation c)
    {
        var action = c.Advice switch
        {
            CommitmentAdvice.Buy => $"Buy {Amount(c.Buy)} {c.Unit} of {c.Term.Years()} commitment" +
                (c.Ladder is { Count: > 1 } ladder ? $", in {ladder.Count.ToString(CultureInfo.InvariantCulture)} monthly steps" : ""),
            CommitmentAdvice.Wait => "Wait for more history before buying",
            CommitmentAdvice.None => "Buy nothing",
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Advice, "Unknown commitment advice."),
        };
        return new RecommendationLine("Commitment", PoolAndTerm(c), action, c.MonthlySavings, c.Reason);
    }

    private static RecommendationLine Spot(SpotRecommendation s) => new(
        "Spot VMs", $"node pool {s.NodePool} ({s.Cluster})", $"Move the node pool to spot {s.MachineFamily} VMs",
        s.MonthlySavings, s.Reason);

    private static RecommendationLine Rightsizing(RightsizingRecommendation r)
    {
        var (now, to) = r.Resource == RequestResource.Cpu
            ? ($"{Amount(r.CurrentRequest)} cores", $"{Amount(r.RecommendedRequest)} cores")
            : ($"{Amount(r.CurrentRequest / BytesPerGiB)} GiB", $"{Amount(r.RecommendedRequest / BytesPerGiB)} GiB");
        var what = r.Resource == RequestResource.Cpu ? "CPU" : "memory";
        return new RecommendationLine("Rightsizing", $"workload {r.Workload} in {r.Namespace} ({r.Cluster})",
            $"Lower the {what} request per pod from {now} to {to}", r.MonthlySavings, r.Reason);
    }

    private static RecommendationLine Idle(IdleRecommendation i) => new(
        "Idle capacity", i.NodePool is null ? $"cluster {i.Cluster}" : $"node pool {i.NodePool} ({i.Cluster})",
        "Scale down or remove the idle capacity", i.MonthlyIdle, i.Reason);

    /// <summary>At most two decimals, no trailing zeros: 12, 0.5, 1.25.</summary>
    private static string Amount(decimal value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
