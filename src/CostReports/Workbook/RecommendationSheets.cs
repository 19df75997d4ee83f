using Costs.CostAnalyzer.Commitments;
using Costs.CostAnalyzer.Recommendations;
using Costs.CostModel.Money;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Costs.CostReports.Workbook;

/// <summary>
/// Where one commitment's savings curve sits on the Commitments sheet (one-based rows): its points in
/// columns A (level), B (monthly cost) and C (monthly savings) from <see cref="FirstRow"/> to
/// <see cref="LastRow"/>, the plan level and its savings in D and E of <see cref="FirstRow"/>, and the chart
/// beside them from zero-based row <see cref="AnchorRow"/>.
/// </summary>
internal sealed record CurveBlock(
    CommitmentRecommendation Commitment, int AnchorRow, int HeaderRow, int FirstRow, int LastRow, decimal PlanLevel, decimal PlanSavings);

/// <summary>Lays out the Recommendations sheet (an Excel table) and the Commitments sheet (figures and curves).</summary>
internal static class RecommendationSheets
{
    public const string TableName = "RecommendationList";

    /// <summary>At most this many savings curves are charted: the largest purchases.</summary>
    public const int MaxCharts = 6;

    /// <summary>Rows each chart takes on the sheet, whatever the number of points beside it.</summary>
    public const int ChartRows = 20;

    public static readonly IReadOnlyList<string> Headers = ["Kind", "What", "Action", "Monthly savings", "Reason"];

    private static readonly string[] FigureHeaders =
    [
        "Pool", "Term", "Unit", "Level alone", "Plan level", "Existing", "Buy", "Utilisation", "Coverage",
        "Break-even utilisation", "Monthly savings", "Advice", "Reason",
    ];

    /// <summary>The table's range: the header and the rows (an empty table keeps one blank row, as Excel does).</summary>
    public static string Range(int rows) => $"A1:{Cells.Reference(Headers.Count - 1, Math.Max(rows, 1) + 1)}";

    /// <summary>
    /// Every recommendation in one table, largest monthly savings first; the notes below it. The header cells
    /// are the shared strings that <paramref name="sharedIndex"/> gives, as the table's column names.
    /// </summary>
    public static (SheetGrid Grid, int Rows) Recommendations(RecommendationSet set, Currency currency, Func<string, int> sharedIndex)
    {
        var (lines, notes) = RecommendationLines.Of(set, currency);
        var grid = new SheetGrid();
        grid.Header([.. Headers.Select(h => GridCell.SharedHeader(h, sharedIndex(h)))]);
        foreach (var l in lines)
            grid.Add(l.Kind, l.What, l.Action, GridCell.Money(l.MonthlySavings), GridCell.Wrapped(l.Reason));
        if (lines.Count == 0) grid.Add("(none)", "", "Nothing to recommend", GridCell.Money(0m), "No recommendation was found for this period.");
        grid.Blank();
        grid.Note($"As of {set.AsOf:yyyy-MM-dd}: {set.HistoryDays} days of billing history; commitments sized on the last {set.LookbackDays}.", bold: true);
        foreach (var n in notes) grid.Note("Note: " + n);
        return (grid, Math.Max(lines.Count, 1));
    }

    public static Table Table(int rows, uint id) => DataSheet.Table(id, TableName, Headers, Range(rows));

    /// <summary>
    /// One row of figures per pool and term, largest savings first; then, for the largest purchases, each
    /// savings curve as a block of cells for its chart.
    /// </summary>
    public static (SheetGrid Grid, IReadOnlyList<CurveBlock> Curves) Commitments(RecommendationSet set, Currency currency)
    {
        var commitments = set.Commitments.Where(c => c.Currency == currency)
            .OrderByDescending(c => c.MonthlySavings)
            .ThenBy(RecommendationLines.Pool, StringComparer.Ordinal)
            .ThenBy(c => c.Term)
            .ToList();
        var grid = new SheetGrid();
        grid.Header([.. FigureHeaders.Select(h => GridCell.Label(h))]);
        foreach (var c in commitments)
            grid.Add(RecommendationLines.Pool(c), c.Term.Years(), c.Unit, GridCell.Quantity(c.LevelAlone), GridCell.Quantity(c.PlanLevel),
                GridCell.Quantity(c.Existing), GridCell.Quantity(c.Buy), GridCell.Percent(c.Utilisation), GridCell.Percent(c.Coverage),
                GridCell.Percent(c.BreakEvenUtilisation), GridCell.Money(c.MonthlySavings), RecommendationLines.Advice(c.Advice), GridCell.Wrapped(c.Reason));
        if (commitments.Count == 0) grid.Note("(no commitment pools were studied)");

        var charted = commitments.Where(c => c.Advice == CommitmentAdvice.Buy && c.Curve.Count > 0).Take(MaxCharts).ToList();
        var blocks = new List<CurveBlock>();
        if (charted.Count > 0)
        {
            grid.Blank();
            grid.Title($"Savings curves of the {charted.Count} largest purchases (monthly savings against the level bought)");
        }
        foreach (var c in charted)
        {
            grid.Blank();
            blocks.Add(Curve(grid, c));
        }
        return (grid, blocks);
    }

    private static CurveBlock Curve(SheetGrid grid, CommitmentRecommendation c)
    {
        var anchor = grid.RowCount;
        grid.Add(GridCell.Label(RecommendationLines.PoolAndTerm(c), bold: true));
        grid.Header($"Level ({c.Unit})", "Monthly cost", "Monthly savings", "Plan level", "Savings at plan level");
        var header = grid.RowCount;
        var plan = c.Curve.FirstOrDefault(p => p.Level == c.PlanLevel) ?? c.Curve.MinBy(p => Math.Abs(p.Level - c.PlanLevel))!;
        for (var i = 0; i < c.Curve.Count; i++)
        {
            var p = c.Curve[i];
            grid.Add(GridCell.Quantity(p.Level), GridCell.Money(p.MonthlyCost), GridCell.Money(p.MonthlySavings),
                i == 0 ? GridCell.Quantity(plan.Level) : GridCell.Empty, i == 0 ? GridCell.Money(plan.MonthlySavings) : GridCell.Empty);
        }
        var last = grid.RowCount;
        while (grid.RowCount < anchor + ChartRows) grid.Blank();
        return new CurveBlock(c, anchor, header, header + 1, last, plan.Level, plan.MonthlySavings);
    }
}
