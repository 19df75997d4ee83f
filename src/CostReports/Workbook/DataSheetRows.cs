using System.Globalization;
using System.Text;
using Costs.CostModel.Allocation;

namespace Costs.CostReports.Workbook;

/// <summary>
/// Writes the Data sheet's rows as SpreadsheetML text straight into a buffered UTF-8 writer: the same XML that
/// <see cref="Cells"/> would make per cell (inline strings cleaned and escaped, invariant numbers, Excel serial
/// days, the row and cell references), without an element, attribute list or reference string per cell. At
/// 200,000 rows of 20 columns the per-cell objects of the Open XML SDK's writer were most of the workbook's time.
/// </summary>
internal sealed class DataSheetRows(TextWriter writer)
{
    private readonly char[] _number = new char[64];
    private readonly string[] _columns = Enumerable.Range(0, 26).Select(Cells.ColumnName).ToArray();

    public void StartRow(int row)
    {
        writer.Write("<x:row r=\"");
        WriteInt(row);
        writer.Write("\">");
    }

    public void EndRow() => writer.Write("</x:row>");

    public void Number(int column, int row, decimal value, CellStyle style)
    {
        StartCell(column, row);
        writer.Write("\" s=\"");
        WriteInt((int)style);
        writer.Write("\"><x:v>");
        value.TryFormat(_number, out var written, default, CultureInfo.InvariantCulture);
        writer.Write(_number, 0, written);
        writer.Write("</x:v></x:c>");
    }

    public void Text(int column, int row, string text)
    {
        var clean = Cells.Clean(text);
        StartCell(column, row);
        writer.Write(clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1]))
            ? "\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">"
            : "\" t=\"inlineStr\"><x:is><x:t>");
        Escape(clean);
        writer.Write("</x:t></x:is></x:c>");
    }

    private void StartCell(int column, int row)
    {
        writer.Write("<x:c r=\"");
        writer.Write(_columns[column]);
        WriteInt(row);
    }

    private void WriteInt(int value)
    {
        value.TryFormat(_number, out var written, default, CultureInfo.InvariantCulture);
        writer.Write(_number, 0, written);
    }

    /// <summary>Text content: &amp;, &lt; and &gt; escaped, and a carriage return as a reference so that it survives reading (the cleaned text holds nothing else XML refuses).</summary>
    private void Escape(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var entity = text[i] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '\r' => "&#xD;", _ => null };
            if (entity is null) continue;
            writer.Write(text.AsSpan(start, i - start));
            writer.Write(entity);
            start = i + 1;
        }
        writer.Write(text.AsSpan(start));
    }
}
