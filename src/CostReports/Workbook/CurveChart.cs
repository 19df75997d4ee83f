using System.Globalization;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Costs.CostReports.Workbook;

/// <summary>
/// The native scatter chart of one commitment's savings curve on the Commitments sheet: monthly savings
/// against the level as a line, and the plan level as one large marker on it. Both series point at the
/// sheet's cells (<see cref="CurveBlock"/>) and carry a cache of the values.
/// </summary>
internal static class CurveChart
{
    private const uint LevelAxisId = 600100;
    private const uint SavingsAxisId = 600200;
    private const long Emu = 12700; // per point
    private const long Width = 560 * Emu;
    private const long Height = (RecommendationSheets.ChartRows - 1) * 15 * Emu;

    public static C.ChartSpace Build(CurveBlock block, string sheetName, string moneyFormat)
    {
        var c = block.Commitment;
        var chart = new C.ScatterChart(
            new C.ScatterStyle { Val = C.ScatterStyleValues.LineMarker },
            new C.VaryColors { Val = false },
            CurveSeries(block, sheetName),
            PlanSeries(block, sheetName),
            new C.AxisId { Val = LevelAxisId },
            new C.AxisId { Val = SavingsAxisId });
        var plotArea = new C.PlotArea(new C.Layout(), chart,
            Axis(LevelAxisId, SavingsAxisId, C.AxisPositionValues.Bottom, $"Level ({c.Unit})", "#,##0.##", gridlines: false),
            Axis(SavingsAxisId, LevelAxisId, C.AxisPositionValues.Left, "Monthly savings", moneyFormat.Replace("0.00", "0", StringComparison.Ordinal), gridlines: true));
        return ChartParts.ChartSpace(Cells.Clean(RecommendationLines.PoolAndTerm(c)), plotArea);
    }

    /// <summary>The cells the curve's line is drawn from: levels in A, savings in C.</summary>
    private static (string Levels, string Savings) CurveRanges(CurveBlock block, string sheetName) =>
        (Range(sheetName, "A", block.FirstRow, block.LastRow), Range(sheetName, "C", block.FirstRow, block.LastRow));

    private static C.ScatterChartSeries CurveSeries(CurveBlock block, string sheetName)
    {
        var curve = block.Commitment.Curve;
        var (levels, savings) = CurveRanges(block, sheetName);
        return Series(0, Name(sheetName, "C", block.HeaderRow, "Monthly savings"),
            Line("4472C4", 28575), new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.None }),
            Numbers(levels, curve.Select(p => p.Level)), Numbers(savings, curve.Select(p => p.MonthlySavings)));
    }

    private static C.ScatterChartSeries PlanSeries(CurveBlock block, string sheetName)
    {
        var row = block.FirstRow;
        var marker = new C.Marker(
            new C.Symbol { Val = C.MarkerStyleValues.Diamond },
            new C.Size { Val = 12 },
            new C.ChartShapeProperties(
                new A.SolidFill(new A.RgbColorModelHex { Val = "C00000" }),
                new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "C00000" })) { Width = 9525 }));
        return Series(1, Name(sheetName, "D", block.HeaderRow, "Plan level"),
            new C.ChartShapeProperties(new A.Outline(new A.NoFill()) { Width = 28575 }), marker,
            Numbers(Range(sheetName, "D", row, row), [block.PlanLevel]),
            Numbers(Range(sheetName, "E", row, row), [block.PlanSavings]));
    }

    private static C.ScatterChartSeries Series(uint index, C.SeriesText name, C.ChartShapeProperties shape, C.Marker marker,
        C.NumberReference x, C.NumberReference y) => new(
        new C.Index { Val = index },
        new C.Order { Val = index },
        name,
        shape,
        marker,
        new C.XValues(x),
        new C.YValues(y),
        new C.Smooth { Val = false });

    private static C.ChartShapeProperties Line(string color, int width) => new(new A.Outline(
        new A.SolidFill(new A.RgbColorModelHex { Val = color }),
        new A.Round())
    { Width = width, CapType = A.LineCapValues.Round });

    private static C.SeriesText Name(string sheetName, string column, int row, string text) => new(new C.StringReference(
        new C.Formula($"{ChartParts.Sheet(sheetName)}!${column}${row.ToString(CultureInfo.InvariantCulture)}"),
        new C.StringCache(new C.PointCount { Val = 1 }, new C.StringPoint(new C.NumericValue(text)) { Index = 0 })));

    private static C.NumberReference Numbers(string formula, IEnumerable<decimal> values)
    {
        var list = values.ToList();
        var cache = new C.NumberingCache(new C.FormatCode("General"), new C.PointCount { Val = (uint)list.Count });
        for (var i = 0; i < list.Count; i++) cache.Append(ChartParts.Point(i, list[i].ToString(CultureInfo.InvariantCulture)));
        return new C.NumberReference(new C.Formula(formula), cache);
    }

    private static string Range(string sheetName, string column, int first, int last) =>
        $"{ChartParts.Sheet(sheetName)}!${column}${first.ToString(CultureInfo.InvariantCulture)}:${column}${last.ToString(CultureInfo.InvariantCulture)}";

    private static C.ValueAxis Axis(uint id, uint crossing, C.AxisPositionValues position, string title, string format, bool gridlines)
    {
        var axis = new C.ValueAxis(
            new C.AxisId { Val = id },
            new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = position });
        if (gridlines)
            axis.Append(new C.MajorGridlines(new C.ChartShapeProperties(new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "D9D9D9" })) { Width = 9525 })));
        axis.Append(
            ChartParts.Title(Cells.Clean(title), fontSize: 1000, bold: false),
            new C.NumberingFormat { FormatCode = format, SourceLinked = false },
            new C.MajorTickMark { Val = C.TickMarkValues.Outside },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.Low },
            ChartParts.TextProperties(rotation: 0),
            new C.CrossingAxis { Val = crossing },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.CrossBetween { Val = C.CrossBetweenValues.MidpointCategory });
        return axis;
    }

    /// <summary>The drawing that places each chart at its block, to the right of the curve's cells (from column G).</summary>
    public static Xdr.WorksheetDrawing Drawing(IReadOnlyList<(string ChartId, CurveBlock Block)> charts)
    {
        var drawing = new Xdr.WorksheetDrawing();
        for (var i = 0; i < charts.Count; i++)
        {
            var (chartId, block) = charts[i];
            var from = new Xdr.FromMarker(
                new Xdr.ColumnId("6"), new Xdr.ColumnOffset("0"),
                new Xdr.RowId(block.AnchorRow.ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0"));
            drawing.Append(new Xdr.OneCellAnchor(
                from,
                new Xdr.Extent { Cx = Width, Cy = Height },
                ChartParts.Frame((uint)i + 2, "Savings curve " + (i + 1).ToString(CultureInfo.InvariantCulture), chartId),
                new Xdr.ClientData()));
        }
        return drawing;
    }
}
