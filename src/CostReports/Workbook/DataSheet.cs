using System.Globalization;
using Costs.CostModel.Allocation;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Costs.CostReports.Workbook;

/// <summary>
/// The Data sheet: every allocation row as one row of a flat Excel table (with an autofilter), written with
/// <see cref="OpenXmlWriter"/> straight into the part's stream, so that memory does not grow with the rows.
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

    public static void Write(Stream stream, IReadOnlyList<AllocationRow> rows, string tableRelationshipId)
    {
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument();
        writer.WriteStartElement(new Worksheet(), [], [new KeyValuePair<string, string>("r", RelationshipsNamespace)]);
        writer.WriteElement(Cells.FitToPageWidth());
        writer.WriteElement(new SheetDimension { Reference = Range(rows.Count) });
        writer.WriteElement(Cells.FrozenRows(1));
        writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
        writer.WriteElement(Cells.Widths(Widths(rows)));
        writer.WriteStartElement(new SheetData());

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
        writer.WriteElement(header);
        var cell = new CellWriter(writer);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = i + 2;
            var row = rows[i];
            writer.WriteStartElement(RowElement, [new OpenXmlAttribute("r", "", r.ToString(CultureInfo.InvariantCulture))]);
            cell.Number(Cells.Reference(0, r), Cells.Serial(row.Day), CellStyle.Date);
            var values = Texts(row);
            for (var c = 1; c < FirstMoneyColumn; c++)
                if (!string.IsNullOrEmpty(values[c])) cell.Text(Cells.Reference(c, r), values[c]!);
            cell.Number(Cells.Reference(FirstMoneyColumn, r), row.Cost, CellStyle.Money);
            cell.Number(Cells.Reference(FirstMoneyColumn + 1, r), row.Credits, CellStyle.Money);
            cell.Number(Cells.Reference(FirstMoneyColumn + 2, r), row.Net, CellStyle.Money);
            writer.WriteEndElement();
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteElement(Cells.Margins());
        writer.WriteElement(Cells.Landscape());
        writer.WriteElement(new TableParts(new TablePart { Id = tableRelationshipId }) { Count = 1 });
        writer.WriteEndElement(); // worksheet
        writer.Close();
    }

    private static readonly Row RowElement = new();

    /// <summary>
    /// Writes cells through the writer's start/attribute/string calls rather than by building a Cell element
    /// per cell: the same XML as <see cref="Cells"/> makes, with a fraction of the allocations.
    /// </summary>
    private sealed class CellWriter(OpenXmlWriter writer)
    {
        private static readonly Cell CellElement = new();
        private static readonly InlineString InlineElement = new();
        private static readonly Text TextElement = new();
        private static readonly CellValue ValueElement = new();
        private static readonly OpenXmlAttribute InlineType = new("t", "", "inlineStr");
        private static readonly OpenXmlAttribute Preserve = new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");

        public void Text(string reference, string text)
        {
            var clean = Cells.Clean(text);
            writer.WriteStartElement(CellElement, [new OpenXmlAttribute("r", "", reference), InlineType]);
            writer.WriteStartElement(InlineElement);
            if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
                writer.WriteStartElement(TextElement, [Preserve]);
            else
                writer.WriteStartElement(TextElement);
            writer.WriteString(clean);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        public void Number(string reference, decimal value, CellStyle style)
        {
            writer.WriteStartElement(CellElement,
            [
                new OpenXmlAttribute("r", "", reference),
                new OpenXmlAttribute("s", "", ((uint)style).ToString(CultureInfo.InvariantCulture)),
            ]);
            writer.WriteStartElement(ValueElement);
            writer.WriteString(value.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
    }

    /// <summary>The text columns of a row, by column index (index 0 is the day, which is a date).</summary>
    private static string?[] Texts(AllocationRow row)
    {
        var d = row.Dimensions;
        return
        [
            null, row.InvoiceMonth.ToString(), row.Kind.ToText(), d.Service, d.Team, d.Environment, d.Project,
            d.CloudService, d.Sku, d.Region, d.Cluster, d.Namespace, d.NodePool, d.Node, d.Workload, row.Rule, row.Missing,
        ];
    }

    private static int[] Widths(IReadOnlyList<AllocationRow> rows)
    {
        var widths = Headers.Select(h => h.Length + 2).ToArray();
        widths[0] = Math.Max(widths[0], 10);
        foreach (var row in rows)
        {
            var values = Texts(row);
            for (var c = 1; c < FirstMoneyColumn; c++) widths[c] = Math.Max(widths[c], values[c]?.Length ?? 0);
            widths[16] = Math.Max(widths[16], Cells.MoneyWidth(row.Cost));
            widths[17] = Math.Max(widths[17], Cells.MoneyWidth(row.Credits));
            widths[18] = Math.Max(widths[18], Cells.MoneyWidth(row.Net));
        }
        return widths;
    }
}
