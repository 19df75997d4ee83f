using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostReports.Summary;
using Costs.CostReports.Workbook;
using Costs.CostModel.Store;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace Costs.CostReports.Tests.Workbook;

public sealed class WorkbookWriterTests
{
    private static readonly string[] SheetOrder =
        ["Summary", "Services", "Environments", "Teams", "Clusters", "Workloads", "Daily", "Unallocated", "Reconciliation", "Data"];

    private static (MemoryStream Stream, WorkbookSummary Summary) Written(ReportInput input)
    {
        var stream = new MemoryStream();
        var summary = WorkbookWriter.Write(stream, input);
        stream.Position = 0;
        return (stream, summary);
    }

    private static SpreadsheetDocument Open(MemoryStream stream) => SpreadsheetDocument.Open(stream, isEditable: false);

    [Fact]
    public void Write_SampleInput_SheetsInOrder()
    {
        var (stream, summary) = Written(SampleReport.Input());
        using var document = Open(stream);

        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToArray();
        Assert.Equal(SheetOrder, names);
        Assert.Equal(SheetOrder, summary.Sheets);
    }

    [Fact]
    public void Write_ConsistentStore_ReconciliationDifferencesAreZero()
    {
        var (stream, summary) = Written(SampleReport.Input());
        using var document = Open(stream);
        var sheet = WorkbookReader.Sheet(document, "Reconciliation");

        Assert.Equal("Difference", WorkbookReader.Text(WorkbookReader.Cell(sheet, "I1")!));
        Assert.Equal("202610", WorkbookReader.Text(WorkbookReader.Cell(sheet, "A2")!));
        Assert.Equal("202611", WorkbookReader.Text(WorkbookReader.Cell(sheet, "A3")!));
        Assert.Equal(0m, WorkbookReader.Number(WorkbookReader.Cell(sheet, "I2")!));
        Assert.Equal(0m, WorkbookReader.Number(WorkbookReader.Cell(sheet, "I3")!));
        Assert.Null(WorkbookReader.Cell(sheet, "A4"));
        Assert.Equal(0m, summary.ReconciliationDifference);
    }

    [Fact]
    public void Write_RejectedRows_ReconciliationCountsThemPerMonthBesideAZeroDifference()
    {
        var input = SampleReport.Input() with
        {
            Rejects =
            [
                Rejected(new DateOnly(2026, 11, 3), Currency.Usd, 4.00m),
                Rejected(new DateOnly(2026, 11, 5), Currency.Usd, null),
                Rejected(new DateOnly(2026, 11, 5), new Currency("EUR"), 9.00m),
                Rejected(new DateOnly(2026, 12, 1), Currency.Usd, 1.50m),
                Rejected(null, null, null),
            ],
        };
        var (stream, summary) = Written(input);
        using var document = Open(stream);
        var sheet = WorkbookReader.Sheet(document, "Reconciliation");

        Assert.Equal("Rejected rows", WorkbookReader.Text(document, WorkbookReader.Cell(sheet, "K1")!));
        Assert.Equal(0m, WorkbookReader.Number(WorkbookReader.Cell(sheet, "I3")!));
        Assert.Equal(3m, WorkbookReader.Number(WorkbookReader.Cell(sheet, "K3")!));
        Assert.Equal(4.00m, WorkbookReader.Number(WorkbookReader.Cell(sheet, "L3")!));
        // A month with nothing billed but a rejected row still has its line.
        Assert.Equal("202612", WorkbookReader.Text(document, WorkbookReader.Cell(sheet, "A4")!));
        Assert.Equal(1m, WorkbookReader.Number(WorkbookReader.Cell(sheet, "K4")!));
        Assert.Equal(1.50m, WorkbookReader.Number(WorkbookReader.Cell(sheet, "L4")!));
        Assert.Equal("(no readable day)", WorkbookReader.Text(document, WorkbookReader.Cell(sheet, "A5")!));
        Assert.Equal(1m, WorkbookReader.Number(WorkbookReader.Cell(sheet, "K5")!));
        Assert.Equal(0m, summary.ReconciliationDifference);
    }

    private static Reject Rejected(DateOnly? day, Currency? currency, decimal? amount) =>
        new(1, "export.jsonl", 7, "labels[0].value", null, "not text")
        {
            Facts = new RowFacts(day, day is null ? null : "01A2B3", null, currency, amount),
        };

    [Fact]
    public void Write_BillMissingADay_ReconciliationShowsTheDifference()
    {
        var input = SampleReport.Input();
        var billed = input.Billed.Where(b => b.Day != new DateOnly(2026, 11, 4)).ToList();
        var (stream, summary) = Written(input with { Billed = billed });
        using var document = Open(stream);
        var sheet = WorkbookReader.Sheet(document, "Reconciliation");

        // 2026-11-04: checkout 9.00 + search 4.25 + web 2.00 + idle 1.50 are attributed but not billed.
        Assert.Equal(-16.75m, WorkbookReader.Number(WorkbookReader.Cell(sheet, "I3")!));
        Assert.Equal(16.75m, summary.ReconciliationDifference);
    }

    [Fact]
    public void Write_SampleInput_DataTableHasAutofilterAndEveryRowInTheCurrency()
    {
        var input = SampleReport.Input();
        var usdRows = input.Allocations.Count(r => r.Currency == Currency.Usd);
        var (stream, summary) = Written(input);
        using var document = Open(stream);
        var sheet = WorkbookReader.Sheet(document, "Data");

        var table = Assert.Single(sheet.TableDefinitionParts).Table;
        Assert.Equal($"A1:T{usdRows + 1}", table.Reference!.Value);
        Assert.Equal(table.Reference!.Value, table.AutoFilter!.Reference!.Value);
        var names = table.TableColumns!.Elements<TableColumn>().Select(c => c.Name!.Value).ToList();
        Assert.Equal(20, names.Count);
        Assert.Equal(names, WorkbookReader.Row(sheet, 1).OrderBy(kv => kv.Key.Length).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => WorkbookReader.Text(document, kv.Value)));
        Assert.All(WorkbookReader.Row(sheet, 1).Values, c => Assert.Equal(CellValues.SharedString, c.DataType!.Value));
        Assert.Equal(usdRows, summary.DataRows);
        Assert.Equal(usdRows + 1, sheet.Worksheet.Descendants<Row>().Count());
        var first = WorkbookReader.Cell(sheet, "A2")!;
        Assert.Null(first.DataType);
        Assert.Equal(new DateOnly(2026, 10, 1).DayNumber - new DateOnly(1899, 12, 30).DayNumber,
            (int)WorkbookReader.Number(first));
        Assert.Equal(input.Allocations.Where(r => r.Currency == Currency.Usd).Sum(r => r.Net),
            WorkbookReader.Cells(sheet).Where(c => c.CellReference!.Value!.StartsWith('T') && c.CellReference != "T1")
                .Sum(WorkbookReader.Number));
    }

    [Fact]
    public void Write_FormulaLikeLabel_IsAStringCellAndNoCellHasAFormula()
    {
        var (stream, _) = Written(SampleReport.Input());
        using var document = Open(stream);

        var parts = document.WorkbookPart!.WorksheetParts.ToList();
        Assert.DoesNotContain(parts, p => p.Worksheet.Descendants<CellFormula>().Any());
        var hyperlinkCells = parts.SelectMany(WorkbookReader.Cells)
            .Where(c => WorkbookReader.Text(c) == SampleReport.Hyperlink).ToList();
        Assert.NotEmpty(hyperlinkCells);
        Assert.All(hyperlinkCells, c => Assert.Equal(CellValues.InlineString, c.DataType!.Value));
        Assert.Contains(WorkbookReader.Cells(WorkbookReader.Sheet(document, "Teams")),
            c => WorkbookReader.Text(c) == SampleReport.Hyperlink);
    }

    [Fact]
    public void Write_DataTextWithMarkupSpacesAndControls_ReadBackAsWrittenWideEnoughForEveryAmount()
    {
        // The Data sheet's rows are written as text: markup characters, edge spaces, a carriage return and a
        // character XML cannot carry must come back as Excel reads them, and the money columns fit the widest amount.
        var day = new DateOnly(2026, 10, 1);
        var input = SampleReport.Input() with
        {
            Allocations = [.. SampleReport.Input().Allocations,
                SampleReport.Row(day, CostKind.Allocated, "a<b>&c", " padded ", "line\r\nbreak\u0001", 1234567.891m, -7654321.5m)],
        };
        var (stream, _) = Written(input);
        using var document = Open(stream);
        var sheet = WorkbookReader.Sheet(document, "Data");

        var row = WorkbookReader.Cells(sheet).First(c => WorkbookReader.Text(c) == "a<b>&c");
        var r = row.CellReference!.Value![1..];
        Assert.Equal(" padded ", WorkbookReader.Text(WorkbookReader.Cell(sheet, "E" + r)!));
        Assert.Equal("line\r\nbreak", WorkbookReader.Text(WorkbookReader.Cell(sheet, "F" + r)!));
        Assert.Equal(1234567.891m, WorkbookReader.Number(WorkbookReader.Cell(sheet, "R" + r)!));
        var widths = sheet.Worksheet.Descendants<Column>().ToDictionary(c => c.Min!.Value, c => c.Width!.Value);
        Assert.True(widths[19] >= "-7,654,321.50".Length, $"Credits column {widths[19]}");
        Assert.True(widths[20] >= "-6,419,753.61".Length, $"Net column {widths[20]}");
    }

    [Fact]
    public void Write_SampleInput_LineChartHasOneSeriesPerEnvironment()
    {
        var input = SampleReport.Input();
        var (stream, _) = Written(input);
        using var document = Open(stream);
        var sheet = WorkbookReader.Sheet(document, "Daily");

        var chart = Assert.Single(Assert.Single(sheet.DrawingsPart!.ChartParts).ChartSpace.Descendants<C.LineChart>());
        var expected = input.Allocations.Where(r => r.Currency == Currency.Usd)
            .Select(r => ReportLabels.Of(r, ReportDimension.Environment)).Distinct().Order(StringComparer.Ordinal);
        var series = chart.Elements<C.LineChartSeries>()
            .Select(s => s.SeriesText!.Descendants<C.NumericValue>().Single().Text).Order(StringComparer.Ordinal);
        Assert.Equal(expected, series);
        // 41 days, 2026-10-01 to 2026-11-10: rows 2 to 42.
        Assert.All(chart.Elements<C.LineChartSeries>(), s =>
            Assert.Equal("'Daily'!$A$2:$A$42", s.GetFirstChild<C.CategoryAxisData>()!.Descendants<C.Formula>().Single().Text));
    }

    [Fact]
    public void Write_TwelveEnvironments_ChartKeepsEightSeries()
    {
        var rows = Enumerable.Range(1, 12)
            .Select(i => SampleReport.Row(SampleReport.AsOf, CostKind.Allocated, "svc", "team", $"env-{i:D2}", i, 0m))
            .ToList();
        var input = new ReportInput(rows, SampleReport.BillFor(rows), SampleReport.AsOf, Currency.Usd, "t");
        var (stream, _) = Written(input);
        using var document = Open(stream);
        var chart = WorkbookReader.Sheet(document, "Daily").DrawingsPart!.ChartParts.Single().ChartSpace;

        var names = chart.Descendants<C.LineChartSeries>().Select(s => s.SeriesText!.Descendants<C.NumericValue>().Single().Text).ToList();
        Assert.Equal(8, names.Count);
        Assert.Equal("env-12", names[0]);
        Assert.Equal(DailyNets.Other, names[^1]);
    }

    [Fact]
    public void Write_SampleInput_EveryTabularSheetFreezesItsHeader()
    {
        var (stream, _) = Written(SampleReport.Input());
        using var document = Open(stream);

        foreach (var name in SheetOrder)
        {
            var pane = WorkbookReader.Sheet(document, name).Worksheet.Descendants<Pane>().SingleOrDefault();
            Assert.True(pane is not null, $"{name} has no pane");
            Assert.Equal(PaneStateValues.Frozen, pane!.State!.Value);
            Assert.True(pane.VerticalSplit!.Value >= 1, $"{name} freezes no row");
        }
    }

    [Fact]
    public void Write_SampleInput_MoneyCellsUseTheCurrencyFormat()
    {
        var (stream, _) = Written(SampleReport.Input());
        using var document = Open(stream);
        var styles = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var services = WorkbookReader.Sheet(document, "Services");

        var net = WorkbookReader.Cell(services, "F2")!;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)net.StyleIndex!.Value);
        var code = styles.NumberingFormats!.Elements<NumberingFormat>()
            .Single(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value;
        Assert.StartsWith("\"$\"#,##0.00", code);
    }

    [Fact]
    public void Write_FixedAmounts_ServicesSheetShowsThemBesideNetNotInIt()
    {
        var input = SampleReport.Input();
        var web = input.Allocations.First(r => r.Kind == CostKind.Allocated && r.Currency == input.Currency);
        var support = web with { Kind = CostKind.Fixed, Cost = 25m, Credits = 0m, Rule = "fixed amount support: 3000 USD a month by even, organisation" };
        var (plain, _) = Written(input);
        var (stream, summary) = Written(input with { FixedShares = [support] });
        using var document = Open(stream);
        using var before = Open(plain);
        var services = WorkbookReader.Sheet(document, "Services");

        var header = WorkbookReader.Row(services, 1);
        var column = header.Single(c => WorkbookReader.Text(document, c.Value) == ReportSheets.FixedHeader).Key;
        var total = WorkbookReader.Cells(services).Single(c => WorkbookReader.Text(document, c) == "Total").CellReference!.Value!;
        var totalRow = int.Parse(total[1..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(25m, WorkbookReader.Number(WorkbookReader.Row(services, totalRow)[column]));
        Assert.Equal(WorkbookReader.Number(WorkbookReader.Cell(WorkbookReader.Sheet(before, "Services"), $"F{totalRow}")!),
            WorkbookReader.Number(WorkbookReader.Row(services, totalRow)["F"])); // Net is the bill's, with or without the contract
        Assert.Equal(0m, summary.ReconciliationDifference);
        Assert.DoesNotContain(WorkbookReader.Row(WorkbookReader.Sheet(before, "Services"), 1).Values,
            c => WorkbookReader.Text(before, c) == ReportSheets.FixedHeader);
    }

    [Fact]
    public void Write_SampleInput_DayCellsAreDatesWithADateFormat()
    {
        var (stream, _) = Written(SampleReport.Input());
        using var document = Open(stream);
        var styles = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;

        foreach (var (sheet, reference) in new[] { ("Data", "A2"), ("Daily", "A2"), ("Summary", "B2") })
        {
            var cell = WorkbookReader.Cell(WorkbookReader.Sheet(document, sheet), reference)!;
            Assert.Null(cell.DataType);
            var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
            Assert.Equal("yyyy-mm-dd", styles.NumberingFormats!.Elements<NumberingFormat>()
                .Single(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value);
        }
        Assert.Equal(SampleReport.AsOf.DayNumber - new DateOnly(1899, 12, 30).DayNumber,
            (int)WorkbookReader.Number(WorkbookReader.Cell(WorkbookReader.Sheet(document, "Summary"), "B2")!));
    }

    [Fact]
    public void Write_StreamThatCannotSeek_WritesTheSameValidPackage()
    {
        var buffer = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(buffer))
            WorkbookWriter.Write(forwardOnly, SampleReport.Input());

        AssertValid(new MemoryStream(buffer.ToArray()));
    }

    [Theory]
    [InlineData(1_048_575, true)]
    [InlineData(1_048_576, false)]
    public void CheckFits_RowCount_OnlyWhatExcelCanOpen(int rows, bool fits)
    {
        var error = Record.Exception(() => DataSheet.CheckFits(rows));

        Assert.Equal(fits, error is null);
        if (!fits) Assert.Contains("1,048,575", Assert.IsType<ArgumentException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SampleInput_PackageIsValid()
    {
        var (stream, _) = Written(SampleReport.Input());
        AssertValid(stream);
    }

    [Fact]
    public void Write_EmptyInput_PackageIsValid()
    {
        var input = new ReportInput([], [], SampleReport.AsOf, Currency.Usd, "empty");
        var (stream, summary) = Written(input);
        AssertValid(stream);
        Assert.Equal(0, summary.DataRows);
    }

    [Fact]
    public void Write_TextWithControlCharactersAndOtherCurrency_PackageIsValid()
    {
        var rows = new List<AllocationRow>
        {
            SampleReport.Row(SampleReport.AsOf, CostKind.Allocated, "bell\u0007and\u0000nul", " padded ", "prod", 1.5m, 0m,
                currency: new Currency("CHF")),
            SampleReport.Row(SampleReport.AsOf, CostKind.Unallocated, null, null, null, 2m, -0.25m, "x<y & \"z\""),
        };
        var input = new ReportInput(rows, SampleReport.BillFor(rows), SampleReport.AsOf, new Currency("CHF"), "Swiss <report>");
        var (stream, summary) = Written(input);
        AssertValid(stream);
        Assert.Equal(1, summary.DataRows);
        stream.Position = 0;
        using (var document = Open(stream))
        {
            var data = WorkbookReader.Sheet(document, "Data");
            Assert.Equal("bellandnul", WorkbookReader.Text(WorkbookReader.Cell(data, "D2")!));
            Assert.Equal(" padded ", WorkbookReader.Text(WorkbookReader.Cell(data, "E2")!));
        }
        Assert.Equal("#,##0.00 \"CHF\";-#,##0.00 \"CHF\"", Styles.MoneyFormat(new Currency("CHF")));
    }

    private static void AssertValid(MemoryStream stream)
    {
        stream.Position = 0;
        using var document = Open(stream);
        foreach (var version in new[] { FileFormatVersions.Office2007, FileFormatVersions.Office2016 })
        {
            var errors = new OpenXmlValidator(version).Validate(document)
                .Select(e => $"{version} {e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        }
    }

    /// <summary>A write-only stream that cannot seek, like a network or a pipe.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
