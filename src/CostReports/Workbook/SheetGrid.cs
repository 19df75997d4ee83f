using DocumentFormat.OpenXml.Spreadsheet;

namespace Costs.CostReports.Workbook;

internal enum GridKind
{
    Empty,
    Text,
    Money,
    Percent,
    Date,
    Number,
    /// <summary>A whole number of things (rows, say): no decimals.</summary>
    Count,
    /// <summary>A header that is also an Excel table's column name: a shared string (index in <see cref="GridCell.Number"/>).</summary>
    Shared,
    /// <summary>Long text, wrapped within a column of at most <see cref="GridCell.WrapWidth"/> characters.</summary>
    Wrapped,
}

/// <summary>One cell of a small sheet, before it becomes XML.</summary>
internal readonly record struct GridCell(GridKind Kind, string Text, decimal Number, DateOnly Day, bool Bold)
{
    public static GridCell Empty => new(GridKind.Empty, "", 0m, default, false);
    public static GridCell Label(string text, bool bold = false) => new(GridKind.Text, text, 0m, default, bold);
    public static GridCell Money(decimal value, bool bold = false) => new(GridKind.Money, "", value, default, bold);
    public static GridCell Percent(decimal? value, bool bold = false) =>
        value is { } v ? new(GridKind.Percent, "", v, default, bold) : Empty;
    public static GridCell Date(DateOnly day) => new(GridKind.Date, "", 0m, day, false);
    /// <summary>A quantity (core-hours, GiB-hours), shown with two decimals.</summary>
    public static GridCell Quantity(decimal value) => new(GridKind.Number, "", value, default, false);
    public static GridCell Count(long value) => new(GridKind.Count, "", value, default, false);

    /// <summary>A table's column name, as the shared string at <paramref name="index"/> (whose text is <paramref name="text"/>).</summary>
    public static GridCell SharedHeader(string text, int index) => new(GridKind.Shared, text, index, default, false);

    /// <summary>Long text (a reason, a note) that wraps within its column.</summary>
    public static GridCell Wrapped(string text) => new(GridKind.Wrapped, text, 0m, default, false);

    /// <summary>The widest a column of wrapped text grows, in characters (with the margin, the widest column).</summary>
    public const int WrapWidth = 57;

    public static implicit operator GridCell(string text) => Label(text);

    public int Width => Kind switch
    {
        GridKind.Text or GridKind.Shared => Text.Length,
        GridKind.Wrapped => Math.Min(Text.Length, WrapWidth),
        GridKind.Money or GridKind.Number or GridKind.Count => Cells.MoneyWidth(Number),
        GridKind.Percent => 7,
        GridKind.Date => 10,
        _ => 0,
    };
}

/// <summary>
/// A small sheet as rows of cells: the header row is bold on a fill, the first rows can be frozen, and the
/// column widths follow the content. Rendered as a DOM <see cref="Worksheet"/> (fine for summary-sized sheets).
/// </summary>
internal sealed class SheetGrid
{
    private readonly List<(GridCell[] Cells, RowRole Role)> _rows = [];

    public int FrozenRows { get; init; } = 1;

    /// <summary>The rows so far: the next row added is row <c>RowCount + 1</c> of the sheet.</summary>
    public int RowCount => _rows.Count;

    public void Title(string text) => _rows.Add(([GridCell.Label(text)], RowRole.Title));
    public void Header(params GridCell[] cells) => _rows.Add((cells, RowRole.Header));
    public void Add(params GridCell[] cells) => _rows.Add((cells, RowRole.Body));
    /// <summary>A line of text under a table (a note) that spills to the right and leaves the column widths alone.</summary>
    public void Note(string text, bool bold = false) => _rows.Add(([GridCell.Label(text, bold)], RowRole.Note));
    public void Blank() => _rows.Add(([], RowRole.Body));

    public Worksheet ToWorksheet(bool selected = false, string? drawingId = null, string? tableId = null)
    {
        var columnCount = _rows.Count == 0 ? 1 : _rows.Max(r => r.Cells.Length);
        var widths = new int[Math.Max(columnCount, 1)];
        var data = new SheetData();
        for (var r = 0; r < _rows.Count; r++)
        {
            var (cells, role) = _rows[r];
            var below = role == RowRole.Header ? FirstBodyRowAfter(r) : [];
            var row = new Row { RowIndex = (uint)r + 1 };
            // Viewers do not all grow a row to fit wrapped text on opening, so the height is set here.
            var lines = cells.Where(c => c.Kind == GridKind.Wrapped).Select(c => WrappedLines(c.Text)).DefaultIfEmpty(1).Max();
            if (lines > 1) (row.Height, row.CustomHeight) = (lines * 15, true);
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = cells[c];
                if (role is not (RowRole.Title or RowRole.Note)) widths[c] = Math.Max(widths[c], cell.Width);
                var numeric = c < below.Length && below[c].Kind is GridKind.Money or GridKind.Percent or GridKind.Date or GridKind.Number or GridKind.Count;
                var made = Make(Cells.Reference(c, r + 1), cell, numeric && role == RowRole.Header ? RowRole.NumberHeader : role);
                if (made is not null) row.Append(made);
            }
            data.Append(row);
        }

        var sheet = new Worksheet(Cells.FitToPageWidth());
        if (FrozenRows > 0) sheet.Append(Cells.FrozenRows(FrozenRows, selected));
        sheet.Append(new SheetFormatProperties { DefaultRowHeight = 15 });
        sheet.Append(Cells.Widths(widths));
        sheet.Append(data);
        sheet.Append(Cells.Margins(), Cells.Landscape());
        if (drawingId is not null) sheet.Append(new Drawing { Id = drawingId });
        if (tableId is not null) sheet.Append(new TableParts(new TablePart { Id = tableId }) { Count = 1 });
        return sheet;
    }

    /// <summary>About how many lines text takes wrapped at <see cref="GridCell.WrapWidth"/> characters (at most 15).</summary>
    private static int WrappedLines(string text) => Math.Clamp((text.Length + GridCell.WrapWidth - 1) / GridCell.WrapWidth, 1, 15);

    private GridCell[] FirstBodyRowAfter(int header)
    {
        for (var r = header + 1; r < _rows.Count && _rows[r].Role != RowRole.Header; r++)
            if (_rows[r].Role == RowRole.Body && _rows[r].Cells.Length > 0) return _rows[r].Cells;
        return [];
    }

    private static Cell? Make(string reference, GridCell cell, RowRole role) => cell.Kind switch
    {
        GridKind.Empty => null,
        GridKind.Text => Cells.Text(reference, cell.Text, role switch
        {
            RowRole.Title => CellStyle.Title,
            RowRole.Header => CellStyle.Header,
            RowRole.NumberHeader => CellStyle.HeaderRight,
            _ => cell.Bold ? CellStyle.TextBold : CellStyle.Default,
        }),
        GridKind.Money => Cells.Number(reference, cell.Number, cell.Bold ? CellStyle.MoneyBold : CellStyle.Money),
        GridKind.Percent => Cells.Number(reference, cell.Number, cell.Bold ? CellStyle.PercentBold : CellStyle.Percent),
        GridKind.Date => Cells.Date(reference, cell.Day),
        GridKind.Number => Cells.Number(reference, cell.Number, CellStyle.Quantity),
        GridKind.Count => Cells.Number(reference, cell.Number, CellStyle.Count),
        GridKind.Wrapped => Cells.Text(reference, cell.Text, CellStyle.Wrapped),
        GridKind.Shared => Cells.Shared(reference, (int)cell.Number, role == RowRole.NumberHeader ? CellStyle.HeaderRight : CellStyle.Header),
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell.Kind, "Unknown cell kind."),
    };

    private enum RowRole
    {
        Title,
        Header,
        NumberHeader,
        Body,
        Note,
    }
}
