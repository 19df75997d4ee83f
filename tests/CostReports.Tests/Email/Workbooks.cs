using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Costs.CostReports.Tests.Email;

/// <summary>Writes a small but real .xlsx to attach (the workbook writer is another feature's).</summary>
internal static class Workbooks
{
    public static string Write(string dir)
    {
        var path = Path.Combine(dir, "costs-2026-11-20.xlsx");
        using (var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (uint i = 1; i <= 50; i++)
                data.Append(new Row(new Cell { CellReference = $"A{i}", DataType = CellValues.String, CellValue = new CellValue($"service-{i} & <co>") },
                    new Cell { CellReference = $"B{i}", CellValue = new CellValue((i * 12.34m).ToString(System.Globalization.CultureInfo.InvariantCulture)) }) { RowIndex = i });
            ws.Worksheet = new Worksheet(data);
            wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "Summary" }));
        }
        return path;
    }
}
