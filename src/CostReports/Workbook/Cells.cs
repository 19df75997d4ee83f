using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Costs.CostReports.Workbook;

/// <summary>
/// Makes cells. Text is always an inline string (never a formula, whatever it starts with), cleaned of the
/// characters XML cannot carry; numbers are written with the invariant culture; dates are Excel serials.
/// </summary>
internal static class Cells
{
    /// <summary>The longest text a cell can hold in Excel.</summary>
    public const int MaxTextLength = 32767;

    private static readonly int ExcelEpoch = new DateOnly(1899, 12, 30).DayNumber;

    public static Cell Text(string reference, string text, CellStyle style = CellStyle.Default)
    {
        var clean = Clean(text);
        var t = new Text(clean);
        if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
            t.Space = SpaceProcessingModeValues.Preserve;
        return new Cell(new InlineString(t))
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            StyleIndex = Style(style),
        };
    }

    /// <summary>The shared string at <paramref name="index"/>: only for a table's header, whose cells Excel reads as its column names.</summary>
    public static Cell Shared(string reference, int index, CellStyle style) => new(
        new CellValue(index.ToString(CultureInfo.InvariantCulture)))
    {
        CellReference = reference,
        DataType = CellValues.SharedString,
        StyleIndex = Style(style),
    };

    public static Cell Number(string reference, decimal value, CellStyle style) => new(
        new CellValue(value.ToString(CultureInfo.InvariantCulture)))
    {
        CellReference = reference,
        StyleIndex = Style(style),
    };

    public static Cell Date(string reference, DateOnly day) =>
        Number(reference, Serial(day), CellStyle.Date);

    /// <summary>The Excel serial of a day (1900 date system).</summary>
    public static int Serial(DateOnly day) => day.DayNumber - ExcelEpoch;

    private static UInt32Value? Style(CellStyle style) => style == CellStyle.Default ? null : (uint)style;

    /// <summary>A1-style reference of a zero-based column and a one-based row.</summary>
    public static string Reference(int column, int row) =>
        ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    public static string ColumnName(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
            name = (char)('A' + (c - 1) % 26) + name;
        return name;
    }

    /// <summary>Drops characters that XML 1.0 cannot carry, and cuts the text at Excel's limit.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // Nearly every text is printable and below the surrogates: nothing to drop, nothing to cut.
        if (text.Length <= MaxTextLength && !text.AsSpan().ContainsAnyExceptInRange((char)0x20, (char)0xD7FF)) return text;
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (ok) { sb?.Append(c); continue; }
            sb ??= new StringBuilder(text, 0, i, text.Length);
        }
        var result = sb?.ToString() ?? text;
        if (result.Length <= MaxTextLength) return result;
        var cut = MaxTextLength;
        if (char.IsHighSurrogate(result[cut - 1])) cut--;
        return result[..cut];
    }

    /// <summary>Freezes the first <paramref name="rows"/> rows, so that headers stay in view.</summary>
    public static SheetViews FrozenRows(int rows, bool selected = false)
    {
        var topLeft = Reference(0, rows + 1);
        return new SheetViews(new SheetView(
            new Pane
            {
                VerticalSplit = rows,
                TopLeftCell = topLeft,
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } })
        {
            WorkbookViewId = 0,
            TabSelected = selected ? true : null,
        });
    }

    /// <summary>Sheet properties that make printing fit the page width (with <see cref="Landscape"/>).</summary>
    public static SheetProperties FitToPageWidth() => new(new PageSetupProperties { FitToPage = true });

    public static PageMargins Margins() =>
        new() { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 };

    /// <summary>Prints landscape, one page wide and as many pages tall as needed.</summary>
    public static PageSetup Landscape() => new() { Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 };

    /// <summary>Column widths in characters, clamped to a readable range.</summary>
    public static Columns Widths(IReadOnlyList<int> characters)
    {
        var columns = new Columns();
        for (var i = 0; i < characters.Count; i++)
        {
            var width = Math.Clamp(characters[i] + 3, 9, 60);
            columns.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true });
        }
        return columns;
    }

    /// <summary>About how many characters an amount takes once formatted with thousands separators.</summary>
    public static int MoneyWidth(decimal value) =>
        Math.Round(value, 2).ToString("#,##0.00", CultureInfo.InvariantCulture).Length + 4;
}
