using Costs.CostAnalyzer.Recommendations;
using System.Globalization;
using Costs.CostModel.Allocation;
using Costs.CostReports.Summary;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Costs.CostReports.Workbook;

/// <summary>
/// Writes the cost workbook: Summary, Services, Environments, Teams, Clusters, Workloads, Daily (with a native
/// line chart), Unallocated, Reconciliation, Recommendations and Commitments (when the input has recommendations;
/// left out when it has none), and Data (a flat Excel table of every allocation row).
/// </summary>
/// <remarks>
/// The XML of the small parts (styles, charts, tables, the workbook) comes from the Open XML SDK's typed elements; the
/// rows of every sheet are written as UTF-8 by <see cref="SheetRows"/>, the same XML without an object per cell;
/// <see cref="PackageWriter"/> streams the parts into the zip.
/// </remarks>
public static class WorkbookWriter
{
    public const string SummarySheet = "Summary";
    public const string ServicesSheet = "Services";
    public const string EnvironmentsSheet = "Environments";
    public const string TeamsSheet = "Teams";
    public const string ClustersSheet = "Clusters";
    public const string WorkloadsSheet = "Workloads";
    public const string DailySheet = "Daily";
    public const string UnallocatedSheet = "Unallocated";
    public const string ReconciliationSheet = "Reconciliation";
    public const string RecommendationsSheet = "Recommendations";
    public const string CommitmentsSheet = "Commitments";
    public const string DataSheetName = "Data";

    private const string WorkbookPart = "/xl/workbook.xml";
    private const string SpreadsheetMl = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    /// <summary>Writes the workbook for <paramref name="input"/> to <paramref name="output"/>; nothing else.</summary>
    public static WorkbookSummary Write(Stream output, ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var recommendations = input.Recommendations is { } set ? Task.FromResult(set) : null;
        return WriteAsync(output, input, recommendations, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Writes the workbook for <paramref name="input"/> to <paramref name="output"/>, with the Recommendations and
    /// Commitments sheets of <paramref name="recommendations"/> (left out when it is null; the input's own
    /// recommendations are not read). The set may still be in the making: it is awaited only when those two
    /// sheets are written, after the others.
    /// </summary>
    /// <remarks>
    /// The Data sheet, most of the work, streams into the zip on the calling thread while the sheets before it are
    /// made beside it on another thread and held in memory (a few hundred kilobytes); they are added after it.
    /// The parts and their relationships are the same whichever thread finishes first.
    /// </remarks>
    public static async Task<WorkbookSummary> WriteAsync(Stream output, ReportInput input, Task<RecommendationSet>? recommendations, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        if (!output.CanWrite) throw new ArgumentException("The output stream is not writable.", nameof(output));

        var rows = input.RowsInCurrency().ToList();
        DataSheet.CheckFits(rows.Count);
        using var package = new PackageWriter(output);
        var dataPart = SheetPart(recommendations is null ? 10 : 12);
        Save(package, "/xl/tables/table1.xml", SpreadsheetMl + "table+xml", DataSheet.Table(rows.Count, id: 1));
        var tableId = package.Relate(dataPart, "table", "../tables/table1.xml");
        var held = package.Hold();
        var report = Task.Run(() => WriteReportSheets(held, input, withRecommendations: recommendations is not null), ct);
        try
        {
            using var stream = package.Part(dataPart, SpreadsheetMl + "worksheet+xml", System.IO.Compression.CompressionLevel.Fastest);
            DataSheet.Write(stream, rows, tableId);
        }
        catch
        {
            // The package's relationships are not left to a thread still making them.
            try
            {
                await report.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The Data sheet's failure is the one reported.
            }
            throw;
        }
        var (sheets, shared, difference) = await report.ConfigureAwait(false);
        if (recommendations is not null)
        {
            var set = await recommendations.ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            var moneyFormat = Styles.MoneyFormat(input.Currency);
            var (list, listed) = RecommendationSheets.Recommendations(set, input.Currency, h => IndexOf(shared, h));
            sheets.Add((RecommendationsSheet, WriteRecommendations(held, sheets.Count + 1, list, listed)));
            var (commitments, curves) = RecommendationSheets.Commitments(set, input.Currency);
            sheets.Add((CommitmentsSheet, WriteCommitments(held, sheets.Count + 1, commitments, curves, moneyFormat)));
        }
        if (SheetPart(sheets.Count + 1) != dataPart)
            throw new InvalidOperationException($"The Data sheet is sheet {sheets.Count + 1}, not the {dataPart} written.");
        sheets.Add((DataSheetName, held.Relate(WorkbookPart, "worksheet", dataPart["/xl/".Length..])));
        Save(held, WorkbookPart, SpreadsheetMl + "sheet.main+xml", new DocumentFormat.OpenXml.Spreadsheet.Workbook(
            new BookViews(new WorkbookView { ActiveTab = 0 }),
            new Sheets(sheets.Select((s, i) => new Sheet { Name = s.Name, SheetId = (uint)i + 1, Id = s.Id }))));
        package.Add(held);
        return new WorkbookSummary(sheets.Select(s => s.Name).ToList(), rows.Count, difference);
    }

    /// <summary>
    /// The styles, the shared strings and the report's sheets before the Recommendations sheet, in workbook order:
    /// returns the sheets so far (name and relationship id), the shared strings and the reconciliation's difference.
    /// </summary>
    private static (List<(string Name, string Id)> Sheets, IReadOnlyList<string> Shared, decimal Difference) WriteReportSheets(
        IPackageParts package, ReportInput input, bool withRecommendations)
    {
        var facts = ReportFacts.Compute(input);
        var reconciliation = Summary.Reconciliation.Compute(input);
        var daily = DailyNets.Compute(input);
        var moneyFormat = Styles.MoneyFormat(input.Currency);

        var sheets = new List<(string Name, string Id)>();
        package.Relate("/", "officeDocument", WorkbookPart[1..]);
        Save(package, "/xl/styles.xml", SpreadsheetMl + "styles+xml", Styles.Build(input.Currency));
        package.Relate(WorkbookPart, "styles", "styles.xml");
        var shared = DataSheet.SharedStringList(withRecommendations ? RecommendationSheets.Headers : []);
        Save(package, "/xl/sharedStrings.xml", SpreadsheetMl + "sharedStrings+xml", DataSheet.SharedStrings(shared));
        package.Relate(WorkbookPart, "sharedStrings", "sharedStrings.xml");

        void Grid(string name, SheetGrid grid, bool selected = false) =>
            sheets.Add((name, Worksheet(package, sheets.Count + 1, grid, selected)));

        Grid(SummarySheet, ReportSheets.Summary(input, facts), selected: true);
        Grid(ServicesSheet, ReportSheets.Breakdown("Service", Breakdowns.By(input, ReportDimension.Service), shared: true));
        Grid(EnvironmentsSheet, ReportSheets.Breakdown("Environment", Breakdowns.By(input, ReportDimension.Environment)));
        Grid(TeamsSheet, ReportSheets.Breakdown("Team", Breakdowns.By(input, ReportDimension.Team)));
        Grid(ClustersSheet, ReportSheets.Clusters(ClusterBreakdown.Clusters(input)));
        Grid(WorkloadsSheet, ReportSheets.Workloads(ClusterBreakdown.Workloads(input)));
        sheets.Add((DailySheet, WriteDaily(package, sheets.Count + 1, daily, moneyFormat)));
        Grid(UnallocatedSheet, ReportSheets.Unallocated(UnallocatedBreakdown.Compute(input)));
        Grid(ReconciliationSheet, ReportSheets.Reconciliation(reconciliation, Summary.Reconciliation.WithoutMonth(input), input.Currency));
        return (sheets, shared, reconciliation.Sum(l => Math.Abs(l.Difference)));
    }

    private static string SheetPart(int number) => $"/xl/worksheets/sheet{number.ToString(CultureInfo.InvariantCulture)}.xml";

    /// <summary>Writes a worksheet and relates the workbook to it; returns the workbook's relationship id.</summary>
    private static string Worksheet(IPackageParts package, int number, SheetGrid grid, bool selected = false,
        string? drawingId = null, string? tableId = null)
    {
        var part = SheetPart(number);
        using (var stream = package.Part(part, SpreadsheetMl + "worksheet+xml"))
            grid.Write(stream, selected, drawingId, tableId);
        return package.Relate(WorkbookPart, "worksheet", part["/xl/".Length..]);
    }

    private static string WriteDaily(IPackageParts package, int number, DailyNet daily, string moneyFormat)
    {
        string? drawingId = null;
        if (daily.Days.Count > 0)
        {
            const string drawing = "/xl/drawings/drawing1.xml";
            Save(package, "/xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
                DailyChart.Build(daily, DailySheet, moneyFormat));
            var chartId = package.Relate(drawing, "chart", "../charts/chart1.xml");
            Save(package, drawing, "application/vnd.openxmlformats-officedocument.drawing+xml",
                DailyChart.Drawing(chartId, daily.Series.Count + 3));
            drawingId = package.Relate(SheetPart(number), "drawing", "../drawings/drawing1.xml");
        }
        return Worksheet(package, number, ReportSheets.Daily(daily), drawingId: drawingId);
    }

    private static int IndexOf(IReadOnlyList<string> strings, string text)
    {
        for (var i = 0; i < strings.Count; i++)
            if (string.Equals(strings[i], text, StringComparison.Ordinal)) return i;
        throw new ArgumentException($"'{text}' is not a shared string.", nameof(text));
    }

    private static string WriteRecommendations(IPackageParts package, int number, SheetGrid grid, int rows)
    {
        const string table = "/xl/tables/table2.xml";
        Save(package, table, SpreadsheetMl + "table+xml", RecommendationSheets.Table(rows, id: 2));
        var tableId = package.Relate(SheetPart(number), "table", ".." + table["/xl".Length..]);
        return Worksheet(package, number, grid, tableId: tableId);
    }

    /// <summary>The Commitments sheet, with one chart per savings curve in one drawing (drawing2; Daily's is drawing1).</summary>
    private static string WriteCommitments(IPackageParts package, int number, SheetGrid grid, IReadOnlyList<CurveBlock> curves, string moneyFormat)
    {
        string? drawingId = null;
        if (curves.Count > 0)
        {
            const string drawing = "/xl/drawings/drawing2.xml";
            var charts = new List<(string, CurveBlock)>();
            for (var i = 0; i < curves.Count; i++)
            {
                var chart = $"/xl/charts/chart{(i + 2).ToString(CultureInfo.InvariantCulture)}.xml";
                Save(package, chart, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
                    CurveChart.Build(curves[i], CommitmentsSheet, moneyFormat));
                charts.Add((package.Relate(drawing, "chart", ".." + chart["/xl".Length..]), curves[i]));
            }
            Save(package, drawing, "application/vnd.openxmlformats-officedocument.drawing+xml", CurveChart.Drawing(charts));
            drawingId = package.Relate(SheetPart(number), "drawing", ".." + drawing["/xl".Length..]);
        }
        return Worksheet(package, number, grid, drawingId: drawingId);
    }

    private static void Save(IPackageParts package, string partName, string contentType, OpenXmlPartRootElement root)
    {
        using var stream = package.Part(partName, contentType);
        root.Save(stream);
    }
}
