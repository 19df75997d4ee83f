using System.Globalization;
using Costs.CostReports.Summary;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Costs.CostReports.Workbook;

/// <summary>
/// The native line chart of the Daily sheet: one series per environment column, the dates as categories. The
/// series point at the sheet's cells and carry a cache of the values, so that viewers need not recalculate.
/// </summary>
internal static class DailyChart
{
    private const uint DateAxisId = 500100;
    private const uint ValueAxisId = 500200;
    private const int WidthInColumns = 12;
    private const int HeightInRows = 24;

    private static readonly string[] Palette =
        ["4472C4", "ED7D31", "70AD47", "FFC000", "7030A0", "A5A5A5", "C00000", "00B0F0"];

    public static C.ChartSpace Build(DailyNet daily, string sheetName, string moneyFormat)
    {
        var chart = new C.LineChart(new C.Grouping { Val = C.GroupingValues.Standard }, new C.VaryColors { Val = false });
        for (var s = 0; s < daily.Series.Count; s++) chart.Append(Series(daily, s, sheetName));
        chart.Append(new C.ShowMarker { Val = false });
        chart.Append(new C.AxisId { Val = DateAxisId }, new C.AxisId { Val = ValueAxisId });

        var plotArea = new C.PlotArea(new C.Layout(), chart, DateAxis(), ValueAxis(moneyFormat));
        return ChartParts.ChartSpace("Daily net cost by environment", plotArea);
    }

    private static C.LineChartSeries Series(DailyNet daily, int s, string sheetName)
    {
        var column = Cells.ColumnName(s + 1);
        var last = daily.Days.Count + 1;
        var dates = new C.NumberingCache(new C.FormatCode("yyyy-mm-dd"), new C.PointCount { Val = (uint)daily.Days.Count });
        var values = new C.NumberingCache(new C.FormatCode("General"), new C.PointCount { Val = (uint)daily.Days.Count });
        for (var d = 0; d < daily.Days.Count; d++)
        {
            dates.Append(ChartParts.Point(d, Cells.Serial(daily.Days[d]).ToString(CultureInfo.InvariantCulture)));
            values.Append(ChartParts.Point(d, daily.Net[d][s].ToString(CultureInfo.InvariantCulture)));
        }

        return new C.LineChartSeries(
            new C.Index { Val = (uint)s },
            new C.Order { Val = (uint)s },
            new C.SeriesText(new C.StringReference(
                new C.Formula($"{ChartParts.Sheet(sheetName)}!${column}$1"),
                new C.StringCache(new C.PointCount { Val = 1 }, new C.StringPoint(new C.NumericValue(Cells.Clean(daily.Series[s]))) { Index = 0 }))),
            new C.ChartShapeProperties(new A.Outline(
                new A.SolidFill(new A.RgbColorModelHex { Val = Palette[s % Palette.Length] }),
                new A.Round())
            { Width = 22225, CapType = A.LineCapValues.Round }),
            new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.None }),
            new C.CategoryAxisData(new C.NumberReference(new C.Formula($"{ChartParts.Sheet(sheetName)}!$A$2:$A${last}"), dates)),
            new C.Values(new C.NumberReference(new C.Formula($"{ChartParts.Sheet(sheetName)}!${column}$2:${column}${last}"), values)),
            new C.Smooth { Val = false });
    }

    private static C.DateAxis DateAxis() => new(
        new C.AxisId { Val = DateAxisId },
        new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
        new C.Delete { Val = false },
        new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
        new C.NumberingFormat { FormatCode = "yyyy-mm-dd", SourceLinked = false },
        new C.MajorTickMark { Val = C.TickMarkValues.Outside },
        new C.MinorTickMark { Val = C.TickMarkValues.None },
        new C.TickLabelPosition { Val = C.TickLabelPositionValues.Low },
        ChartParts.TextProperties(rotation: -2700000),
        new C.CrossingAxis { Val = ValueAxisId },
        new C.Crosses { Val = C.CrossesValues.AutoZero },
        new C.AutoLabeled { Val = true },
        new C.LabelOffset { Val = 100 },
        new C.BaseTimeUnit { Val = C.TimeUnitValues.Days });

    private static C.ValueAxis ValueAxis(string moneyFormat) => new(
        new C.AxisId { Val = ValueAxisId },
        new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
        new C.Delete { Val = false },
        new C.AxisPosition { Val = C.AxisPositionValues.Left },
        new C.MajorGridlines(new C.ChartShapeProperties(new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "D9D9D9" })) { Width = 9525 })),
        new C.NumberingFormat { FormatCode = moneyFormat.Replace("0.00", "0", StringComparison.Ordinal), SourceLinked = false },
        new C.MajorTickMark { Val = C.TickMarkValues.Outside },
        new C.MinorTickMark { Val = C.TickMarkValues.None },
        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
        new C.CrossingAxis { Val = DateAxisId },
        new C.Crosses { Val = C.CrossesValues.AutoZero },
        new C.CrossBetween { Val = C.CrossBetweenValues.Between });

    /// <summary>The drawing that places the chart to the right of the table, from <paramref name="column"/>.</summary>
    public static Xdr.WorksheetDrawing Drawing(string chartId, int column) => new(
        new Xdr.TwoCellAnchor(
            Marker<Xdr.FromMarker>(column, 1),
            Marker<Xdr.ToMarker>(column + WidthInColumns, 1 + HeightInRows),
            ChartParts.Frame(2U, "Daily net cost", chartId),
            new Xdr.ClientData()));

    private static T Marker<T>(int column, int row) where T : DocumentFormat.OpenXml.OpenXmlCompositeElement, new()
    {
        var marker = new T();
        marker.Append(
            new Xdr.ColumnId(column.ToString(CultureInfo.InvariantCulture)),
            new Xdr.ColumnOffset("0"),
            new Xdr.RowId(row.ToString(CultureInfo.InvariantCulture)),
            new Xdr.RowOffset("0"));
        return marker;
    }
}
