using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;

namespace Costs.CostReports.Workbook;

/// <summary>
/// Writes a sheet's rows as SpreadsheetML straight into a UTF-8 buffer over the part's stream: the same XML that
/// <see cref="Cells"/> and the Open XML SDK make per cell (inline strings cleaned and escaped, invariant numbers,
/// Excel serial days, the row and cell references), without an element, attribute list or reference string per
/// cell, and without a text writer's UTF-16 copy of every byte. At 200,000 rows of 20 columns the per-cell objects
/// of the SDK were most of the workbook's time; the Data sheet and the small sheets (<see cref="SheetGrid"/>) both
/// write their rows here. Call <see cref="Flush"/> at the end.
/// </summary>
internal sealed class SheetRows(Stream stream)
{
    /// <summary>What ends a run of text that needs no escaping.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\r");

    /// <summary>The same, and a line feed, for text whose line breaks are written as the SDK's XmlWriter writes them.</summary>
    private static readonly SearchValues<char> SpecialOrLineFeed = SearchValues.Create("&<>\r\n");

    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

    private static readonly byte[][] Columns = Enumerable.Range(0, 26).Select(c => Encoding.ASCII.GetBytes(Cells.ColumnName(c))).ToArray();

    /// <summary>The UTF-8 bytes of a column's name (A, B, …, AA, …).</summary>
    private static ReadOnlySpan<byte> Column(int column) =>
        column < Columns.Length ? Columns[column] : Encoding.ASCII.GetBytes(Cells.ColumnName(column));

    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    /// <summary>
    /// The bytes after the style of a default-style text cell, by the text's instance: a Data sheet's texts are a
    /// few thousand shared instances (the store's dimensions, one month text), each cleaned, escaped and encoded
    /// once instead of once a cell. Bounded, so texts made a row at a time cannot grow it without end.
    /// </summary>
    private readonly Dictionary<string, byte[]> _written = new(ReferenceEqualityComparer.Instance);
    private const int MostWritten = 1 << 16;

    public void StartRow(int row)
    {
        Raw("<x:row r=\""u8);
        WriteInt(row);
        Raw("\">"u8);
    }

    /// <summary>A row of cells with a height of its own (lines of wrapped text), as the SDK writes <c>ht</c> and <c>customHeight</c>.</summary>
    public void StartRow(int row, double height)
    {
        Raw("<x:row r=\""u8);
        WriteInt(row);
        Raw("\" ht=\""u8);
        Chars(XmlConvert.ToString(height));
        Raw("\" customHeight=\"1\">"u8);
    }

    /// <summary>A row without cells: <c>&lt;x:row r="4" /&gt;</c>, as the SDK writes one.</summary>
    public void EmptyRow(int row)
    {
        Raw("<x:row r=\""u8);
        WriteInt(row);
        Raw("\" />"u8);
    }

    public void EndRow() => Raw("</x:row>"u8);

    /// <summary>A number (an amount, a share, an Excel serial day) with <paramref name="style"/>.</summary>
    public void Number(int column, int row, decimal value, CellStyle style)
    {
        StartCell(column, row);
        Style(style);
        Raw("\"><x:v>"u8);
        Room(64);
        value.TryFormat(_buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
        Raw("</x:v></x:c>"u8);
    }

    /// <summary>
    /// An inline string, with <paramref name="style"/> unless it is the default. A carriage return is kept as a
    /// reference; with <paramref name="sdkLineBreaks"/> every line break (CR LF, CR or LF) is written as the SDK's
    /// XmlWriter writes it, a new line of the platform, which a reader takes as a line feed (the small sheets).
    /// </summary>
    public void Text(int column, int row, string text, CellStyle style = CellStyle.Default, bool sdkLineBreaks = false)
    {
        StartCell(column, row);
        Style(style);
        var cached = style == CellStyle.Default && !sdkLineBreaks;
        if (cached && _written.TryGetValue(text, out var known))
        {
            Raw(known);
            return;
        }
        var clean = Cells.Clean(text);
        // Room for the whole rest of the cell at once (an escape is at most six bytes a character), so that its
        // bytes are one run of the buffer to keep.
        var most = clean.Length * 6 + 64;
        cached &= most <= _buffer.Length && _written.Count < MostWritten;
        if (cached) Room(most);
        var start = _used;
        Raw(clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1]))
            ? "\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">"u8
            : "\" t=\"inlineStr\"><x:is><x:t>"u8);
        Escape(clean, sdkLineBreaks);
        Raw("</x:t></x:is></x:c>"u8);
        if (cached) _written[text] = _buffer.AsSpan(start, _used - start).ToArray();
    }

    /// <summary>The shared string at <paramref name="index"/> (a table's column name).</summary>
    public void Shared(int column, int row, int index, CellStyle style)
    {
        StartCell(column, row);
        Style(style);
        Raw("\" t=\"s\"><x:v>"u8);
        WriteInt(index);
        Raw("</x:v></x:c>"u8);
    }

    /// <summary>XML made elsewhere (the elements before and after the rows), as it is.</summary>
    public void Xml(string xml) => Chars(xml);

    /// <summary>Writes what the buffer holds to the stream.</summary>
    public void Flush()
    {
        stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    private void StartCell(int column, int row)
    {
        Raw("<x:c r=\""u8);
        Raw(Column(column));
        WriteInt(row);
    }

    /// <summary>The cell's style attribute, left out for the default style (as <see cref="Cells"/> leaves it out).</summary>
    private void Style(CellStyle style)
    {
        if (style == CellStyle.Default) return;
        Raw("\" s=\""u8);
        WriteInt((int)style);
    }

    private void WriteInt(int value)
    {
        Room(16);
        value.TryFormat(_buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    /// <summary>Text content: &amp;, &lt; and &gt; escaped, and a carriage return as a reference so that it survives reading (the cleaned text holds nothing else XML refuses).</summary>
    private void Escape(string text, bool sdkLineBreaks)
    {
        var rest = text.AsSpan();
        var special = sdkLineBreaks ? SpecialOrLineFeed : Special;
        while (true)
        {
            var at = rest.IndexOfAny(special);
            if (at < 0)
            {
                Chars(rest);
                return;
            }
            Chars(rest[..at]);
            var c = rest[at];
            rest = rest[(at + 1)..];
            if (sdkLineBreaks && c is '\r' or '\n')
            {
                if (c == '\r' && rest.Length > 0 && rest[0] == '\n') rest = rest[1..];
                Raw(NewLine);
                continue;
            }
            Raw(c switch { '&' => "&amp;"u8, '<' => "&lt;"u8, '>' => "&gt;"u8, _ => "&#xD;"u8 });
        }
    }

    /// <summary>UTF-8 of <paramref name="chars"/>, which never splits a surrogate pair (cleaned text keeps only whole pairs).</summary>
    private void Chars(ReadOnlySpan<char> chars)
    {
        while (chars.Length > 0)
        {
            // At most three bytes a UTF-16 unit; a piece never ends between the two halves of a pair.
            var piece = Math.Min(chars.Length, _buffer.Length / 3);
            if (piece < chars.Length && char.IsHighSurrogate(chars[piece - 1])) piece--;
            Room(piece * 3);
            _used += Encoding.UTF8.GetBytes(chars[..piece], _buffer.AsSpan(_used));
            chars = chars[piece..];
        }
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        Room(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Room(int bytes)
    {
        if (_used + bytes > _buffer.Length) Flush();
    }
}
