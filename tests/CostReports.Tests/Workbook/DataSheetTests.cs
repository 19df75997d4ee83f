using System.Text;
using System.Xml.Linq;
using Costs.CostModel.Allocation;
using Costs.CostReports.Workbook;
using DocumentFormat.OpenXml.Spreadsheet;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostReports.Tests.Workbook;

/// <summary>
/// The Data sheet's rows are UTF-8 written by hand (<see cref="SheetRows"/>), not by the Open XML SDK: any text
/// must come back as <see cref="Cells.Clean"/> leaves it, and the XML must be what the SDK makes of the same cell.
/// </summary>
public sealed class DataSheetTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly DateOnly Day = new(2026, 10, 1);

    [Fact]
    public void Write_AnyText_ReadBackAsCleaned()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(s => s is not null), text =>
            Equals(Cells.Clean(text), ServiceOf(Written(Row(text))))).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(21_844)] // the pair's high half is the last unit of the first piece the writer encodes
    [InlineData(21_845)]
    [InlineData(32_766)] // the pair straddles Excel's limit, so it is cut whole
    public void Write_LongTextWithPairsAndMarkup_ReadBackWholeAndCut(int pairAt)
    {
        var text = new string('é', pairAt) + "\U0001F600" + new string('<', 40_000 - pairAt);

        var read = ServiceOf(Written(Row(text)));

        Assert.Equal(Cells.Clean(text), read);
        Assert.True(read.Length <= Cells.MaxTextLength, $"{read.Length} characters");
    }

    [Fact]
    public void Write_TextCell_IsTheXmlTheSdkMakes()
    {
        var text = " a<b>&c\r\n ";
        var cell = Written(Row(text)).Descendants(Main + "c").Single(c => (string?)c.Attribute("r") == "D2");

        var sdk = XElement.Parse(Cells.Text("D2", text).OuterXml);

        Assert.Equal(sdk.ToString(SaveOptions.DisableFormatting), cell.ToString(SaveOptions.DisableFormatting));
    }

    private static AllocationRow Row(string service) => SampleReport.Row(Day, CostKind.Allocated, service, "team", "prod", 1.5m, -0.25m);

    private static XDocument Written(AllocationRow row)
    {
        using var stream = new MemoryStream();
        DataSheet.Write(stream, [row], "rId1");
        return XDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()), LoadOptions.PreserveWhitespace);
    }

    /// <summary>The Service column's text of the first data row ("" when the cell is left out, as empty text is).</summary>
    private static string ServiceOf(XDocument sheet) =>
        sheet.Descendants(Main + "c").SingleOrDefault(c => (string?)c.Attribute("r") == "D2")?.Descendants(Main + "t").Single().Value ?? "";
}
