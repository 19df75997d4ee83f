using System.Text;
using Costs.CostReports.Workbook;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostReports.Tests.Workbook;

/// <summary>
/// <see cref="SheetGrid.Write"/> streams a sheet's rows as UTF-8 without the Open XML SDK's objects: its bytes must be
/// those of saving the SDK's <see cref="SheetGrid.ToWorksheet"/>, for any grid.
/// </summary>
public sealed class SheetGridTests
{
    private static readonly Gen<string> TextGen = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
        Gen.Elements("", " padded ", "a<b>&c", "line\r\nbreak\u0001", "tab\there", "\U0001F600 smile", new string('w', 200), "=1+2"));

    private static readonly Gen<GridCell> CellGen = Gen.OneOf(
        from t in TextGen from bold in ArbMap.Default.GeneratorFor<bool>() select GridCell.Label(t, bold),
        from m in ArbMap.Default.GeneratorFor<decimal>() from bold in ArbMap.Default.GeneratorFor<bool>() select GridCell.Money(m, bold),
        from p in ArbMap.Default.GeneratorFor<decimal?>() select GridCell.Percent(p),
        from d in Gen.Choose(1, 60_000) select GridCell.Date(DateOnly.FromDayNumber(693_594 + d)),
        from q in ArbMap.Default.GeneratorFor<decimal>() select GridCell.Quantity(q),
        from n in ArbMap.Default.GeneratorFor<int>() select GridCell.Count(n),
        from t in TextGen from i in Gen.Choose(0, 40) select GridCell.SharedHeader(t, i),
        from t in TextGen select GridCell.Wrapped(t),
        Gen.Constant(GridCell.Empty));

    private static readonly Gen<Action<SheetGrid>> RowGen = Gen.OneOf(
        from t in TextGen select (Action<SheetGrid>)(g => g.Title(t)),
        from cells in Gen.ArrayOf(CellGen) select (Action<SheetGrid>)(g => g.Header(cells)),
        from cells in Gen.ArrayOf(CellGen) select (Action<SheetGrid>)(g => g.Add(cells)),
        from t in TextGen from bold in ArbMap.Default.GeneratorFor<bool>() select (Action<SheetGrid>)(g => g.Note(t, bold)),
        Gen.Constant((Action<SheetGrid>)(g => g.Blank())));

    [Fact]
    public void Write_AnyGrid_IsTheSdksXmlByteForByte()
    {
        var gen =
            from rows in Gen.ListOf(RowGen)
            from frozen in Gen.Choose(0, 2)
            from selected in ArbMap.Default.GeneratorFor<bool>()
            from drawing in Gen.Elements<string?>(null, "rId1")
            from table in Gen.Elements<string?>(null, "rId2")
            select (rows, frozen, selected, drawing, table);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var grid = new SheetGrid { FrozenRows = c.frozen };
            foreach (var add in c.rows) add(grid);
            Assert.Equal(Saved(grid, c.selected, c.drawing, c.table), Streamed(grid, c.selected, c.drawing, c.table));
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Write_WrappedTextAndBlankRows_IsTheSdksXmlByteForByte()
    {
        var grid = new SheetGrid();
        grid.Title("Recommendations");
        grid.Header("Reason", "Saving");
        grid.Add(GridCell.Wrapped(new string('x', 300)), GridCell.Money(12.5m));
        grid.Blank();
        grid.Add(GridCell.Empty, GridCell.Empty);
        grid.Note("Saved: 12.50", bold: true);

        var streamed = Streamed(grid, selected: true, "rId1", null);

        Assert.Equal(Saved(grid, selected: true, "rId1", null), streamed);
        Assert.Contains("ht=\"90\" customHeight=\"1\"", streamed, StringComparison.Ordinal);
        Assert.Contains("<x:row r=\"4\" />", streamed, StringComparison.Ordinal);
    }

    private static string Streamed(SheetGrid grid, bool selected, string? drawing, string? table)
    {
        using var stream = new MemoryStream();
        grid.Write(stream, selected, drawing, table);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Saved(SheetGrid grid, bool selected, string? drawing, string? table)
    {
        using var stream = new MemoryStream();
        grid.ToWorksheet(selected, drawing, table).Save(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
