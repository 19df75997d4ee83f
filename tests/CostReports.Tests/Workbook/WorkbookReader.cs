using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Costs.CostReports.Tests.Workbook;

/// <summary>Reads back what the writer wrote, through the Open XML SDK.</summary>
internal static class WorkbookReader
{
    public static WorksheetPart Sheet(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)workbook.GetPartById(sheet.Id!);
    }

    public static IEnumerable<Cell> Cells(WorksheetPart part) => part.Worksheet.Descendants<Cell>();

    public static Cell? Cell(WorksheetPart part, string reference) =>
        Cells(part).SingleOrDefault(c => c.CellReference == reference);

    public static string Text(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";

    /// <summary>The text of a cell, looking shared strings up in the workbook's table.</summary>
    public static string Text(SpreadsheetDocument document, Cell cell) =>
        cell.DataType?.Value == CellValues.SharedString
            ? document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>()
                .ElementAt(int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText
            : Text(cell);

    public static decimal Number(Cell cell) =>
        decimal.Parse(cell.CellValue!.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The cells of one row, by column letter.</summary>
    public static Dictionary<string, Cell> Row(WorksheetPart part, int row) => Cells(part)
        .Where(c => RowOf(c.CellReference!) == row)
        .ToDictionary(c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()));

    private static int RowOf(string reference) => int.Parse(new string(reference.SkipWhile(char.IsLetter).ToArray()),
        System.Globalization.CultureInfo.InvariantCulture);
}
