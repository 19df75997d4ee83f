using System.Text;
using Costs.CostAnalyzer.Commitments;
using Costs.CostModel.Money;
using static Costs.CostAnalyzer.Tests.Commitments.Pools;

namespace Costs.CostAnalyzer.Tests.Commitments;

/// <summary>
/// docs/commitments.md shows worked examples. Their tables and reasons are what the code computes:
/// each is rendered here from the advisor's output and must appear in the document word for word.
/// </summary>
public class CommitmentsDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(FindRoot(), "docs", "commitments.md")).ReplaceLineEndings("\n");

    /// <summary>Example 1: 180 days of 12 h at 16 vCPU, 8 h at 40 and 4 h at 64, with 4 vCPU of 1-year commitment held.</summary>
    internal static CommitmentPool Example1() => N2(Series.DailyCycle(180, 16m, 40m, 64m), existingOneYear: 4m);

    /// <summary>Example 2: the same, but the nights of the last 30 days ran at 14 vCPU.</summary>
    internal static CommitmentPool Example2() =>
        N2(Series.DailyCycle(150, 16m, 40m, 64m).Concat(Series.DailyCycle(30, 14m, 40m, 64m)).ToArray(), existingOneYear: 4m);

    /// <summary>Example 3: usage falling evenly from 30 to 27 vCPU over 180 days.</summary>
    internal static CommitmentPool Example3() => N2(Series.Ramp(180, 30m, 27m));

    /// <summary>Example 4: a flat $100 an hour of eligible on-demand spend.</summary>
    internal static CommitmentPool Example4() => Flexible(Series.Flat(180, 100m));

    public static TheoryData<string> Examples => ["1", "2", "3", "4"];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Doc_Example_TableIsWhatTheCodeComputes(string example)
    {
        var table = Table(Recommend(example));
        Assert.True(Doc.Contains(table, StringComparison.Ordinal), $"docs/commitments.md lacks example {example}'s table:\n{table}");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Doc_Example_ReasonsAreQuotedAsComputed(string example)
    {
        var missing = Recommend(example).Select(r => $"> **{r.Term.Years()}:** {r.Reason}")
            .Where(quote => !Doc.Contains(quote, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"docs/commitments.md lacks example {example}'s reasons:\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void Doc_Example1_CurveIsWhatTheCodeComputes()
    {
        var three = Recommend("1")[0];
        var lines = new StringBuilder("| 3-year level | monthly cost | monthly savings |\n|---:|---:|---:|\n");
        foreach (var level in new[] { 0m, 4m, 8m, 12m, 16m, 20m, 28m, 36m, 48m, 60m })
        {
            var p = three.Curve.Single(c => c.Level == level);
            lines.Append($"| {level} | {Money(p.MonthlyCost)} | {Money(p.MonthlySavings)} |\n");
        }
        Assert.True(Doc.Contains(lines.ToString(), StringComparison.Ordinal), $"docs/commitments.md lacks the curve:\n{lines}");
    }

    private static IReadOnlyList<CommitmentRecommendation> Recommend(string example) => CommitmentAdvisor.Recommend(example switch
    {
        "1" => Example1(),
        "2" => Example2(),
        "3" => Example3(),
        _ => Example4(),
    }, new CommitmentOptions());

    private static string Table(IReadOnlyList<CommitmentRecommendation> rows)
    {
        var b = new StringBuilder("| term | level alone | plan level | existing | buy | monthly savings | utilisation | coverage | break-even | advice | sized on |\n");
        b.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        foreach (var r in rows)
        {
            b.Append($"| {r.Term.Years()} | {r.LevelAlone} | {r.PlanLevel} | {r.Existing} | {r.Buy} | {Money(r.MonthlySavings)} | ");
            b.Append($"{Percent(r.Utilisation)} | {Percent(r.Coverage)} | {Percent(r.BreakEvenUtilisation)} | {r.Advice.ToString().ToLowerInvariant()} | ");
            b.Append($"{(r.SizedOn == SizingWindow.Lookback ? "lookback" : "last 30 days")} |\n");
        }
        return b.ToString();
    }

    private static string Money(decimal amount) => MoneyText.Format(amount, Currency.Usd);
    private static string Percent(decimal share) => MoneyText.Percent(share * 100m);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Costs.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Costs.sln not found above the test directory.");
    }
}
