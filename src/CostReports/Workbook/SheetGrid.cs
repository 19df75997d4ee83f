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

    /// <summary>
    /// The sheet as an Open XML SDK <see cref="Worksheet"/>: the reference for <see cref="Write"/>, which writes the
    /// same XML without an object per cell.
    /// </summary>
    public Worksheet ToWorksheet(bool selected = false, string? drawingId = null, string? tableId = null)
    {
        var data = new SheetData();
        for (var r = 0; r < _rows.Count; r++)
        {
            var (cells, role) = _rows[r];
            var row = new Row { RowIndex = (uint)r + 1 };
            if (Lines(cells) is > 1 and var lines) (row.Height, row.CustomHeight) = (lines * 15, true);
            var roles = Roles(r);
            for (var c = 0; c < cells.Length; c++)
                if (Make(Cells.Reference(c, r + 1), cells[c], roles[c]) is { } made) row.Append(made);
            data.Append(row);
        }
        return Shell(data, selected, drawingId, tableId);
    }

    /// <summary>
    /// Writes the sheet's XML into <paramref name="stream"/> (left open), byte for byte what saving
    /// <see cref="ToWorksheet"/> writes: the elements around the rows from the SDK, the rows through <see cref="SheetRows"/>.
    /// </summary>
    public void Write(Stream stream, bool selected = false, string? drawingId = null, string? tableId = null)
    {
        var shell = new MemoryStream();
        Shell(new SheetData(), selected, drawingId, tableId).Save(shell);
        ReadOnlySpan<byte> xml = shell.ToArray(); // Save closes the stream; ToArray still reads it
        var at = xml.IndexOf(EmptySheetData);
        if (_rows.Count == 0 || at < 0)
        {
            stream.Write(xml);
            return;
        }
        stream.Write(xml[..at]);
        var rows = new SheetRows(stream);
        rows.Xml("<x:sheetData>");
        for (var r = 0; r < _rows.Count; r++) WriteRow(rows, r);
        rows.Xml("</x:sheetData>");
        rows.Flush();
        stream.Write(xml[(at + EmptySheetData.Length)..]);
    }

    /// <summary>How the SDK writes a sheet without rows' data.</summary>
    private static ReadOnlySpan<byte> EmptySheetData => "<x:sheetData />"u8;

    private void WriteRow(SheetRows rows, int r)
    {
        var (cells, _) = _rows[r];
        var row = r + 1;
        if (cells.All(c => c.Kind == GridKind.Empty))
        {
            rows.EmptyRow(row);
            return;
        }
        if (Lines(cells) is > 1 and var lines) rows.StartRow(row, lines * 15);
        else rows.StartRow(row);
        var roles = Roles(r);
        for (var c = 0; c < cells.Length; c++)
        {
            var cell = cells[c];
            switch (cell.Kind)
            {
                case GridKind.Empty: break;
                case GridKind.Text or GridKind.Wrapped: rows.Text(c, row, cell.Text, TextStyle(cell, roles[c]), sdkLineBreaks: true); break;
                case GridKind.Shared: rows.Shared(c, row, (int)cell.Number, SharedStyle(roles[c])); break;
                case GridKind.Date: rows.Number(c, row, Cells.Serial(cell.Day), CellStyle.Date); break;
                default: rows.Number(c, row, cell.Number, NumberStyle(cell)); break;
            }
        }
        rows.EndRow();
    }

    /// <summary>The worksheet around <paramref name="data"/>: view, widths from the content, page setup, drawing and table.</summary>
    private Worksheet Shell(SheetData data, bool selected, string? drawingId, string? tableId)
    {
        var sheet = new Worksheet(Cells.FitToPageWidth());
        if (FrozenRows > 0) sheet.Append(Cells.FrozenRows(FrozenRows, selected));
        sheet.Append(new SheetFormatProperties { DefaultRowHeight = 15 });
        sheet.Append(Cells.Widths(Widths()));
        sheet.Append(data);
        sheet.Append(Cells.Margins(), Cells.Landscape());
        if (drawingId is not null) sheet.Append(new Drawing { Id = drawingId });
        if (tableId is not null) sheet.Append(new TableParts(new TablePart { Id = tableId }) { Count = 1 });
        return sheet;
    }

    /// <summary>Each column as wide as its widest cell outside titles and notes.</summary>
    private int[] Widths()
    {
        var widths = new int[Math.Max(_rows.Count == 0 ? 1 : _rows.Max(r => r.Cells.Length), 1)];
        foreach (var (cells, role) in _rows)
        {
            if (role is RowRole.Title or RowRole.Note) continue;
            for (var c = 0; c < cells.Length; c++) widths[c] = Math.Max(widths[c], cells[c].Width);
        }
        return widths;
    }

    /// <summary>The role each cell of row <paramref name="r"/> is drawn in: a header over a numeric column is right-aligned.</summary>
    private RowRole[] Roles(int r)
    {
        var (cells, role) = _rows[r];
        var below = role == RowRole.Header ? FirstBodyRowAfter(r) : [];
        var roles = new RowRole[cells.Length];
        for (var c = 0; c < cells.Length; c++)
        {
            var numeric = c < below.Length && below[c].Kind is GridKind.Money or GridKind.Percent or GridKind.Date or GridKind.Number or GridKind.Count;
            roles[c] = numeric && role == RowRole.Header ? RowRole.NumberHeader : role;
        }
        return roles;
    }

    /// <summary>Viewers do not all grow a row to fit wrapped text on opening, so the height is set: its most lines.</summary>
    private static int Lines(GridCell[] cells) =>
        cells.Where(c => c.Kind == GridKind.Wrapped).Select(c => WrappedLines(c.Text)).DefaultIfEmpty(1).Max();

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
        GridKind.Text or GridKind.Wrapped => Cells.Text(reference, cell.Text, TextStyle(cell, role)),
        GridKind.Date => Cells.Date(reference, cell.Day),
        GridKind.Shared => Cells.Shared(reference, (int)cell.Number, SharedStyle(role)),
        _ => Cells.Number(reference, cell.Number, NumberStyle(cell)),
    };

    private static CellStyle TextStyle(GridCell cell, RowRole role) => cell.Kind == GridKind.Wrapped ? CellStyle.Wrapped : role switch
    {
        RowRole.Title => CellStyle.Title,
        RowRole.Header => CellStyle.Header,
        RowRole.NumberHeader => CellStyle.HeaderRight,
        _ => cell.Bold ? CellStyle.TextBold : CellStyle.Default,
    };

    private static CellStyle SharedStyle(RowRole role) => role == RowRole.NumberHeader ? CellStyle.HeaderRight : CellStyle.Header;

    private static CellStyle NumberStyle(GridCell cell) => cell.Kind switch
    {
        GridKind.Money => cell.Bold ? CellStyle.MoneyBold : CellStyle.Money,
        GridKind.Percent => cell.Bold ? CellStyle.PercentBold : CellStyle.Percent,
        GridKind.Number => CellStyle.Quantity,
        GridKind.Count => CellStyle.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell.Kind, "Not a number cell."),
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
