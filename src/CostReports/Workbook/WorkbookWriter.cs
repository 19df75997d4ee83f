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
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        if (!output.CanWrite) throw new ArgumentException("The output stream is not writable.", nameof(output));

        var rows = input.RowsInCurrency().ToList();
        DataSheet.CheckFits(rows.Count);
        var facts = ReportFacts.Compute(input);
        var reconciliation = Summary.Reconciliation.Compute(input);
        var daily = DailyNets.Compute(input);
        var moneyFormat = Styles.MoneyFormat(input.Currency);

        var sheets = new List<(string Name, string Id)>();
        using (var package = new PackageWriter(output))
        {
            package.Relate("/", "officeDocument", WorkbookPart[1..]);
            Save(package, "/xl/styles.xml", SpreadsheetMl + "styles+xml", Styles.Build(input.Currency));
            package.Relate(WorkbookPart, "styles", "styles.xml");
            var shared = DataSheet.SharedStringList(input.Recommendations is null ? [] : RecommendationSheets.Headers);
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
            if (input.Recommendations is { } set)
            {
                var (list, listed) = RecommendationSheets.Recommendations(set, input.Currency, h => IndexOf(shared, h));
                sheets.Add((RecommendationsSheet, WriteRecommendations(package, sheets.Count + 1, list, listed)));
                var (commitments, curves) = RecommendationSheets.Commitments(set, input.Currency);
                sheets.Add((CommitmentsSheet, WriteCommitments(package, sheets.Count + 1, commitments, curves, moneyFormat)));
            }
            sheets.Add((DataSheetName, WriteData(package, sheets.Count + 1, rows)));

            Save(package, WorkbookPart, SpreadsheetMl + "sheet.main+xml", new DocumentFormat.OpenXml.Spreadsheet.Workbook(
                new BookViews(new WorkbookView { ActiveTab = 0 }),
                new Sheets(sheets.Select((s, i) => new Sheet { Name = s.Name, SheetId = (uint)i + 1, Id = s.Id }))));
        }

        return new WorkbookSummary(
            sheets.Select(s => s.Name).ToList(), rows.Count, reconciliation.Sum(l => Math.Abs(l.Difference)));
    }

    private static string SheetPart(int number) => $"/xl/worksheets/sheet{number.ToString(CultureInfo.InvariantCulture)}.xml";

    /// <summary>Writes a worksheet and relates the workbook to it; returns the workbook's relationship id.</summary>
    private static string Worksheet(PackageWriter package, int number, SheetGrid grid, bool selected = false,
        string? drawingId = null, string? tableId = null)
    {
        var part = SheetPart(number);
        using (var stream = package.Part(part, SpreadsheetMl + "worksheet+xml"))
            grid.Write(stream, selected, drawingId, tableId);
        return package.Relate(WorkbookPart, "worksheet", part["/xl/".Length..]);
    }

    private static string WriteDaily(PackageWriter package, int number, DailyNet daily, string moneyFormat)
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

    private static string WriteRecommendations(PackageWriter package, int number, SheetGrid grid, int rows)
    {
        const string table = "/xl/tables/table2.xml";
        Save(package, table, SpreadsheetMl + "table+xml", RecommendationSheets.Table(rows, id: 2));
        var tableId = package.Relate(SheetPart(number), "table", ".." + table["/xl".Length..]);
        return Worksheet(package, number, grid, tableId: tableId);
    }

    /// <summary>The Commitments sheet, with one chart per savings curve in one drawing (drawing2; Daily's is drawing1).</summary>
    private static string WriteCommitments(PackageWriter package, int number, SheetGrid grid, IReadOnlyList<CurveBlock> curves, string moneyFormat)
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

    private static string WriteData(PackageWriter package, int number, IReadOnlyList<AllocationRow> rows)
    {
        var part = SheetPart(number);
        Save(package, "/xl/tables/table1.xml", SpreadsheetMl + "table+xml", DataSheet.Table(rows.Count, id: 1));
        var tableId = package.Relate(part, "table", "../tables/table1.xml");
        using (var stream = package.Part(part, SpreadsheetMl + "worksheet+xml", System.IO.Compression.CompressionLevel.Fastest))
            DataSheet.Write(stream, rows, tableId);
        return package.Relate(WorkbookPart, "worksheet", part["/xl/".Length..]);
    }

    private static void Save(PackageWriter package, string partName, string contentType, OpenXmlPartRootElement root)
    {
        using var stream = package.Part(partName, contentType);
        root.Save(stream);
    }
}
