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

    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly string[] Headers =
    [
        "Day", "Invoice month", "Kind", "Service", "Team", "Environment", "Project", "Cloud service", "SKU",
        "Region", "Cluster", "Namespace", "Node pool", "Workload", "Rule", "Missing labels", "Cost", "Credits", "Net",
    ];

    private const int FirstMoneyColumn = 16;

    /// <summary>The table's range: the header and the rows (an empty table keeps one blank row, as Excel does).</summary>
    public static string Range(int rows) => $"A1:{Cells.Reference(Headers.Length - 1, Math.Max(rows, 1) + 1)}";

    public static Table Table(int rows, uint id)
    {
        var columns = new TableColumns { Count = (uint)Headers.Length };
        for (var i = 0; i < Headers.Length; i++) columns.Append(new TableColumn { Id = (uint)i + 1, Name = Headers[i] });
        return new Table(
            new AutoFilter { Reference = Range(rows) },
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
            Name = TableName,
            DisplayName = TableName,
            Reference = Range(rows),
            TotalsRowShown = false,
        };
    }

    public static void Write(Stream stream, IReadOnlyList<AllocationRow> rows, string tableRelationshipId)
    {
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument();
        writer.WriteStartElement(new Worksheet(), [], [new KeyValuePair<string, string>("r", RelationshipsNamespace)]);
        writer.WriteElement(new SheetDimension { Reference = Range(rows.Count) });
        writer.WriteElement(Cells.FrozenRows(1));
        writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
        writer.WriteElement(Cells.Widths(Widths(rows)));
        writer.WriteStartElement(new SheetData());

        var header = new Row { RowIndex = 1 };
        for (var c = 0; c < Headers.Length; c++) header.Append(Cells.Text(Cells.Reference(c, 1), Headers[c], CellStyle.Header));
        writer.WriteElement(header);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = (uint)i + 2;
            writer.WriteStartElement(new Row { RowIndex = r });
            var values = Texts(rows[i]);
            writer.WriteElement(Cells.Date(Cells.Reference(0, (int)r), rows[i].Day));
            for (var c = 1; c < FirstMoneyColumn; c++)
                if (!string.IsNullOrEmpty(values[c])) writer.WriteElement(Cells.Text(Cells.Reference(c, (int)r), values[c]!));
            writer.WriteElement(Cells.Number(Cells.Reference(16, (int)r), rows[i].Cost, CellStyle.Money));
            writer.WriteElement(Cells.Number(Cells.Reference(17, (int)r), rows[i].Credits, CellStyle.Money));
            writer.WriteElement(Cells.Number(Cells.Reference(18, (int)r), rows[i].Net, CellStyle.Money));
            writer.WriteEndElement();
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteElement(new PageMargins { Left = 0.7, Right = 0.7, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new TableParts(new TablePart { Id = tableRelationshipId }) { Count = 1 });
        writer.WriteEndElement(); // worksheet
        writer.Close();
    }

    /// <summary>The text columns of a row, by column index (index 0 is the day, which is a date).</summary>
    private static string?[] Texts(AllocationRow row)
    {
        var d = row.Dimensions;
        return
        [
            null, row.InvoiceMonth.ToString(), row.Kind.ToText(), d.Service, d.Team, d.Environment, d.Project,
            d.CloudService, d.Sku, d.Region, d.Cluster, d.Namespace, d.NodePool, d.Workload, row.Rule, row.Missing,
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
