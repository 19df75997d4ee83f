using System.Globalization;
using Costs.CostModel.Allocation;
using Costs.CostModel.Time;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Costs.CostReports.Workbook;

/// <summary>
/// The Data sheet: every allocation row as one row of a flat Excel table (with an autofilter), written with
/// <see cref="SheetRows"/> straight into the part's stream, so that memory does not grow with the rows.
/// </summary>
internal static class DataSheet
{
    public const string TableName = "Allocations";

    /// <summary>Excel's last row is 1,048,576; one row is the header.</summary>
    public const int MaxRows = 1_048_575;

    /// <summary>Refuses a row count that Excel could not open, before anything is written.</summary>
    public static void CheckFits(int rows)
    {
        if (rows > MaxRows)
            throw new ArgumentException(
                $"The Data sheet would need {rows:N0} rows; Excel holds at most {MaxRows:N0} below the header. " +
                "Report a shorter period or fewer currencies.", nameof(rows));
    }

    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly string[] Headers =
    [
        "Day", "Invoice month", "Kind", "Service", "Team", "Environment", "Project", "Cloud service", "SKU",
        "Region", "Cluster", "Namespace", "Node pool", "Node", "Workload", "Rule", "Missing labels", "Cost", "Credits", "Net",
    ];

    /// <summary>The column of Cost; Credits and Net follow it, and every column before it is text (the day aside).</summary>
    private static readonly int FirstMoneyColumn = Array.IndexOf(Headers, "Cost");

    /// <summary>The table's range: the header and the rows (an empty table keeps one blank row, as Excel does).</summary>
    public static string Range(int rows) => $"A1:{Cells.Reference(Headers.Length - 1, Math.Max(rows, 1) + 1)}";

    public static Table Table(int rows, uint id) => Table(id, TableName, Headers, Range(rows));

    /// <summary>An Excel table over <paramref name="range"/> with an autofilter, banded rows and these column names.</summary>
    public static Table Table(uint id, string name, IReadOnlyList<string> headers, string range)
    {
        var columns = new TableColumns { Count = (uint)headers.Count };
        for (var i = 0; i < headers.Count; i++) columns.Append(new TableColumn { Id = (uint)i + 1, Name = headers[i] });
        return new Table(
            new AutoFilter { Reference = range },
            columns,
            new TableStyleInfo
            {
                Name = "TableStyleMedium2",
                ShowFirstColumn = false,
                ShowLastColumn = false,
                ShowRowStripes = true,
                ShowColumnStripes = false,
            })
        {
            Id = id,
            Name = name,
            DisplayName = name,
            Reference = range,
            TotalsRowShown = false,
        };
    }

    /// <summary>
    /// The workbook's shared strings: the Data table's column names, in column order (the indexes
    /// <see cref="Write"/> uses), then those of <paramref name="after"/> (other tables' column names) not already there.
    /// </summary>
    public static IReadOnlyList<string> SharedStringList(IEnumerable<string> after) =>
        Headers.Concat(after).Distinct(StringComparer.Ordinal).ToList();

    public static SharedStringTable SharedStrings(IReadOnlyList<string> strings) =>
        new(strings.Select(h => new SharedStringItem(new Text(h))))
        {
            Count = (uint)strings.Count,
            UniqueCount = (uint)strings.Count,
        };

    /// <summary>
    /// Writes the sheet as UTF-8 text into <paramref name="stream"/> (left open): the small elements before and after the
    /// rows from their Open XML SDK objects, the rows through <see cref="SheetRows"/>, so memory does not grow with them.
    /// </summary>
    public static void Write(Stream stream, IReadOnlyList<AllocationRow> rows, string tableRelationshipId)
    {
        var cells = new SheetRows(stream);
        cells.Xml("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        cells.Xml($"<x:worksheet xmlns:x=\"{MainNamespace}\" xmlns:r=\"{RelationshipsNamespace}\">");
        var texts = new RowTexts();
        OpenXmlElement[] before =
        [
            Cells.FitToPageWidth(), new SheetDimension { Reference = Range(rows.Count) }, Cells.FrozenRows(1),
            new SheetFormatProperties { DefaultRowHeight = 15 }, Cells.Widths(Widths(rows, texts)),
        ];
        foreach (var element in before) cells.Xml(element.OuterXml);
        cells.Xml("<x:sheetData>");

        // The header cells must be strings that equal the table's column names; they are shared strings
        // (index i is Headers[i], see SharedStrings), the form Excel itself writes for a table header.
        var header = new Row { RowIndex = 1 };
        for (var c = 0; c < Headers.Length; c++)
            header.Append(new Cell(new CellValue(c.ToString(CultureInfo.InvariantCulture)))
            {
                CellReference = Cells.Reference(c, 1),
                DataType = CellValues.SharedString,
                StyleIndex = (uint)(c == 0 || c >= FirstMoneyColumn ? CellStyle.HeaderRight : CellStyle.Header),
            });
        cells.Xml(header.OuterXml);
        var values = new string?[FirstMoneyColumn];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = i + 2;
            var row = rows[i];
            cells.StartRow(r);
            cells.Number(0, r, Cells.Serial(row.Day), CellStyle.Date);
            texts.Fill(row, values);
            for (var c = 1; c < FirstMoneyColumn; c++)
                if (!string.IsNullOrEmpty(values[c])) cells.Text(c, r, values[c]!);
            cells.Number(FirstMoneyColumn, r, row.Cost, CellStyle.Money);
            cells.Number(FirstMoneyColumn + 1, r, row.Credits, CellStyle.Money);
            cells.Number(FirstMoneyColumn + 2, r, row.Net, CellStyle.Money);
            cells.EndRow();
        }

        cells.Xml("</x:sheetData>");
        OpenXmlElement[] after = [Cells.Margins(), Cells.Landscape(), new TableParts(new TablePart { Id = tableRelationshipId }) { Count = 1 }];
        foreach (var element in after) cells.Xml(element.OuterXml);
        cells.Xml("</x:worksheet>");
        cells.Flush();
    }

    /// <summary>
    /// The text columns of a row, by column index (index 0 is the day, which is a date). The invoice month's text is
    /// made once per month, not once per row.
    /// </summary>
    private sealed class RowTexts
    {
        private readonly Dictionary<InvoiceMonth, string> _months = [];

        public void Fill(AllocationRow row, string?[] values)
        {
            if (!_months.TryGetValue(row.InvoiceMonth, out var month)) _months[row.InvoiceMonth] = month = row.InvoiceMonth.ToString();
            var d = row.Dimensions;
            values[0] = null;
            values[1] = month;
            values[2] = row.Kind.ToText();
            values[3] = d.Service; values[4] = d.Team; values[5] = d.Environment; values[6] = d.Project;
            values[7] = d.CloudService; values[8] = d.Sku; values[9] = d.Region; values[10] = d.Cluster; values[11] = d.Namespace;
            values[12] = d.NodePool; values[13] = d.Node; values[14] = d.Workload; values[15] = row.Rule; values[16] = row.Missing;
        }
    }

    /// <summary>
    /// Column widths from the content. A money column is as wide as its widest amount, which is its largest or its
    /// most negative one, so only those two are formatted.
    /// </summary>
    private static int[] Widths(IReadOnlyList<AllocationRow> rows, RowTexts texts)
    {
        var widths = Headers.Select(h => h.Length + 2).ToArray();
        widths[0] = Math.Max(widths[0], 10);
        var values = new string?[FirstMoneyColumn];
        var (low, high) = (new decimal[3], new decimal[3]);
        foreach (var row in rows)
        {
            texts.Fill(row, values);
            for (var c = 1; c < FirstMoneyColumn; c++) widths[c] = Math.Max(widths[c], values[c]?.Length ?? 0);
            Span(low, high, 0, row.Cost);
            Span(low, high, 1, row.Credits);
            Span(low, high, 2, row.Net);
        }
        for (var m = 0; m < 3; m++)
            widths[FirstMoneyColumn + m] = Math.Max(widths[FirstMoneyColumn + m], Math.Max(Cells.MoneyWidth(low[m]), Cells.MoneyWidth(high[m])));
        return widths;
    }

    private static void Span(decimal[] low, decimal[] high, int m, decimal value) =>
        (low[m], high[m]) = (Math.Min(low[m], value), Math.Max(high[m], value));
}
