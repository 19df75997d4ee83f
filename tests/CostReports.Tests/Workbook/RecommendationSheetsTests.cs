using Costs.CostAnalyzer.Commitments;
using Costs.CostAnalyzer.Recommendations;
using Costs.CostModel.Money;
using Costs.CostReports.Workbook;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace Costs.CostReports.Tests.Workbook;

public sealed class RecommendationSheetsTests
{
    private static MemoryStream Written(RecommendationSet? set)
    {
        var stream = new MemoryStream();
        WorkbookWriter.Write(stream, SampleReport.Input() with { Recommendations = set });
        stream.Position = 0;
        return stream;
    }

    private static SpreadsheetDocument Open(MemoryStream stream) => SpreadsheetDocument.Open(stream, isEditable: false);

    private static int RecommendationCount(RecommendationSet set) =>
        set.Commitments.Count + set.Spot.Count + set.Rightsizing.Count + set.Idle.Count;

    /// <summary>The table's body rows (from row 2), as cells by column letter.</summary>
    private static List<Dictionary<string, Cell>> Rows(WorksheetPart sheet, int count) =>
        Enumerable.Range(2, count).Select(r => WorkbookReader.Row(sheet, r)).ToList();

    [Fact]
    public void Write_WithRecommendations_BothSheetsBeforeData()
    {
        using var document = Open(Written(SampleRecommendations.Build()));

        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToArray();
        Assert.Equal(["Reconciliation", "Recommendations", "Commitments", "Data"], names[^4..]);
    }

    [Fact]
    public async Task WriteAsync_SetFinishedAfterTheOtherSheets_SamePartsAsWrittenWithTheSet()
    {
        var set = SampleRecommendations.Build();
        var pending = new TaskCompletionSource<RecommendationSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new MemoryStream();

        var writing = WorkbookWriter.WriteAsync(stream, SampleReport.Input(), pending.Task, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(writing.IsCompleted);
        pending.SetResult(set);
        var summary = await writing;

        Assert.Equal(["Reconciliation", "Recommendations", "Commitments", "Data"], summary.Sheets.TakeLast(4));
        Assert.Equal(Parts(Written(set)), Parts(new MemoryStream(stream.ToArray())));
    }

    [Fact]
    public async Task WriteAsync_SetFails_FailsWithItsError()
    {
        var stream = new MemoryStream();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => WorkbookWriter.WriteAsync(
            stream, SampleReport.Input(), Task.FromException<RecommendationSet>(new InvalidOperationException("no prices")), CancellationToken.None));

        Assert.Equal("no prices", ex.Message);
    }

    /// <summary>Each part's name and content, in name order (the zip's order of parts is not part of the workbook).</summary>
    private static List<(string Name, string Content)> Parts(MemoryStream workbook)
    {
        using var zip = new System.IO.Compression.ZipArchive(workbook, System.IO.Compression.ZipArchiveMode.Read);
        return zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return (e.FullName, reader.ReadToEnd());
        }).ToList();
    }

    [Fact]
    public void Write_WithoutRecommendations_SheetsLeftOut()
    {
        using var document = Open(Written(null));

        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.DoesNotContain("Recommendations", names);
        Assert.DoesNotContain("Commitments", names);
    }

    [Fact]
    public void Recommendations_SampleSet_EveryKindSortedBySavingsLargestFirst()
    {
        var set = SampleRecommendations.Build();
        using var document = Open(Written(set));
        var sheet = WorkbookReader.Sheet(document, "Recommendations");
        var rows = Rows(sheet, RecommendationCount(set));

        var savings = rows.Select(r => WorkbookReader.Number(r["D"])).ToList();
        Assert.Equal(savings.OrderByDescending(s => s), savings);
        Assert.Equal(["Commitment", "Idle capacity", "Rightsizing", "Spot VMs"],
            rows.Select(r => WorkbookReader.Text(r["A"])).Distinct().Order(StringComparer.Ordinal));
        Assert.Empty(WorkbookReader.Row(sheet, RecommendationCount(set) + 2));
    }

    [Fact]
    public void Recommendations_SpotRow_SavingsIsAMoneyNumberEqualToTheRecord()
    {
        var set = SampleRecommendations.Build();
        var spot = Assert.Single(set.Spot);
        using var document = Open(Written(set));
        var rows = Rows(WorkbookReader.Sheet(document, "Recommendations"), RecommendationCount(set));

        var row = rows.Single(r => WorkbookReader.Text(r["A"]) == "Spot VMs");
        Assert.Null(row["D"].DataType);
        Assert.Equal(2u, row["D"].StyleIndex!.Value);
        Assert.Equal(spot.MonthlySavings, WorkbookReader.Number(row["D"]));
        Assert.Equal(spot.Reason, WorkbookReader.Text(row["E"]));
        Assert.Equal(11u, row["E"].StyleIndex!.Value);
        Assert.Equal("node pool build (ci)", WorkbookReader.Text(row["B"]));
    }

    [Fact]
    public void Recommendations_WaitAdvice_SavesZeroAndGivesItsReason()
    {
        var set = SampleRecommendations.Build();
        var wait = Assert.Single(set.Commitments, c => c.Advice == CommitmentAdvice.Wait);
        using var document = Open(Written(set));
        var rows = Rows(WorkbookReader.Sheet(document, "Recommendations"), RecommendationCount(set));

        var row = rows.Single(r => WorkbookReader.Text(r["E"]) == wait.Reason);
        Assert.Equal(0m, WorkbookReader.Number(row["D"]));
        Assert.Equal("flexible commitments in us-central1, " + wait.Term.Years(), WorkbookReader.Text(row["B"]));
        Assert.StartsWith("Wait", WorkbookReader.Text(row["C"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Recommendations_Table_HasAutofilterOverTheRowsAndTheHeaderAsColumnNames()
    {
        var set = SampleRecommendations.Build();
        using var document = Open(Written(set));
        var sheet = WorkbookReader.Sheet(document, "Recommendations");

        var table = Assert.Single(sheet.TableDefinitionParts).Table;
        var range = $"A1:E{RecommendationCount(set) + 1}";
        Assert.Equal(range, table.Reference!.Value);
        Assert.Equal(range, table.AutoFilter!.Reference!.Value);
        var header = WorkbookReader.Row(sheet, 1);
        Assert.Equal(table.TableColumns!.Elements<TableColumn>().Select(c => c.Name!.Value),
            "ABCDE".Select(c => WorkbookReader.Text(document, header[c.ToString()])));
        Assert.Equal(1D, sheet.Worksheet.Descendants<Pane>().Single().VerticalSplit!.Value);
    }

    [Fact]
    public void Write_FormulaLikeNote_StaysAStringCell()
    {
        using var document = Open(Written(SampleRecommendations.Build()));

        var note = WorkbookReader.Cells(WorkbookReader.Sheet(document, "Recommendations"))
            .Single(c => WorkbookReader.Text(c).Contains("=HYPERLINK", StringComparison.Ordinal));
        Assert.Equal(CellValues.InlineString, note.DataType!.Value);
        Assert.Empty(document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<CellFormula>()));
    }

    [Fact]
    public void Commitments_BuyAdvice_ChartReferencesTheCurveCellsAndMarksThePlanLevel()
    {
        var set = SampleRecommendations.Build();
        var buy = Assert.Single(set.Commitments, c => c.Advice == CommitmentAdvice.Buy);
        using var document = Open(Written(set));
        var sheet = WorkbookReader.Sheet(document, "Commitments");

        var chart = Assert.Single(sheet.DrawingsPart!.ChartParts).ChartSpace;
        var series = chart.Descendants<C.ScatterChartSeries>().ToList();
        Assert.Equal(2, series.Count);
        var levels = series[0].GetFirstChild<C.XValues>()!.Descendants<C.Formula>().Single().Text;
        var savings = series[0].GetFirstChild<C.YValues>()!.Descendants<C.Formula>().Single().Text;
        var match = System.Text.RegularExpressions.Regex.Match(levels, @"^'Commitments'!\$A\$(\d+):\$A\$(\d+)$");
        Assert.True(match.Success, levels);
        var (first, last) = (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
        Assert.Equal($"'Commitments'!$C${first}:$C${last}", savings);
        Assert.Equal(buy.Curve.Count, last - first + 1);
        for (var i = 0; i < buy.Curve.Count; i++)
        {
            var row = WorkbookReader.Row(sheet, first + i);
            Assert.Equal((buy.Curve[i].Level, buy.Curve[i].MonthlySavings), (WorkbookReader.Number(row["A"]), WorkbookReader.Number(row["C"])));
        }
        Assert.Equal($"'Commitments'!$D${first}:$D${first}", series[1].GetFirstChild<C.XValues>()!.Descendants<C.Formula>().Single().Text);
        Assert.Equal(buy.PlanLevel, WorkbookReader.Number(WorkbookReader.Cell(sheet, $"D{first}")!));
        Assert.Equal(buy.Curve.Single(p => p.Level == buy.PlanLevel).MonthlySavings, WorkbookReader.Number(WorkbookReader.Cell(sheet, $"E{first}")!));
    }

    [Fact]
    public void Commitments_Figures_OneRowPerPoolAndTermWithPercentagesAndSavings()
    {
        var set = SampleRecommendations.Build();
        using var document = Open(Written(set));
        var sheet = WorkbookReader.Sheet(document, "Commitments");

        var rows = Rows(sheet, set.Commitments.Count);
        var buy = set.Commitments.Single(c => c.Advice == CommitmentAdvice.Buy);
        var first = rows[0];
        Assert.Equal(("N2 vCPU in us-central1", buy.Term.Years(), "Buy"),
            (WorkbookReader.Text(first["A"]), WorkbookReader.Text(first["B"]), WorkbookReader.Text(first["L"])));
        Assert.Equal((buy.PlanLevel, buy.Buy, buy.Utilisation, buy.BreakEvenUtilisation, buy.MonthlySavings),
            (WorkbookReader.Number(first["E"]), WorkbookReader.Number(first["G"]), WorkbookReader.Number(first["H"]),
             WorkbookReader.Number(first["J"]), WorkbookReader.Number(first["K"])));
        Assert.Equal(4u, first["H"].StyleIndex!.Value);
        Assert.Equal(set.Commitments.Count, rows.Count(r => r.Count > 0));
    }

    [Fact]
    public void Commitments_EightPurchases_ChartsTheSixLargest()
    {
        var set = SampleRecommendations.Build(extraRegions: 7);
        using var document = Open(Written(set));
        var sheet = WorkbookReader.Sheet(document, "Commitments");

        var charts = sheet.DrawingsPart!.ChartParts.Select(p => p.ChartSpace.Descendants<C.Title>().First().InnerText).ToHashSet();
        var largest = set.Commitments.Where(c => c.Advice == CommitmentAdvice.Buy).OrderByDescending(c => c.MonthlySavings).Take(6)
            .Select(c => $"N2 vCPU in {c.Region}, {c.Term.Years()}");
        Assert.Equal(largest.ToHashSet(), charts);
    }

    [Fact]
    public void Write_OtherCurrencyRecommendations_LeftOutAndNoted()
    {
        var set = SampleRecommendations.Build(currency: new Currency("EUR"));
        using var document = Open(Written(set));
        var sheet = WorkbookReader.Sheet(document, "Recommendations");

        Assert.Equal("(none)", WorkbookReader.Text(WorkbookReader.Cell(sheet, "A2")!));
        Assert.Contains(WorkbookReader.Cells(sheet), c => WorkbookReader.Text(c).StartsWith(
            $"Note: {RecommendationCount(set)} recommendation(s) in another currency than USD", StringComparison.Ordinal));
        Assert.Null(WorkbookReader.Sheet(document, "Commitments").DrawingsPart);
    }

    [Fact]
    public void Write_SampleSet_PackageIsValid() => AssertValid(Written(SampleRecommendations.Build(extraRegions: 7)));

    [Fact]
    public void Write_EmptySet_PackageIsValid() =>
        AssertValid(Written(new RecommendationSet(SampleReport.AsOf, 0, 180, [], [], [], [], [])));

    private static void AssertValid(MemoryStream stream)
    {
        using var document = Open(stream);
        foreach (var version in new[] { FileFormatVersions.Office2007, FileFormatVersions.Office2016 })
        {
            var errors = new OpenXmlValidator(version).Validate(document)
                .Select(e => $"{version} {e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        }
    }
}
