using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Costs.CostReports.Workbook;

/// <summary>What the workbook's native charts share: the chart space around a plot area, titles, text and the frame that holds a chart on a sheet.</summary>
internal static class ChartParts
{
    /// <summary>A chart titled <paramref name="title"/> with its legend at the bottom; blanks are gaps.</summary>
    public static C.ChartSpace ChartSpace(string title, C.PlotArea plotArea) => new(
        new C.Date1904 { Val = false },
        new C.EditingLanguage { Val = "en-US" },
        new C.RoundedCorners { Val = false },
        new C.Chart(
            Title(title),
            new C.AutoTitleDeleted { Val = false },
            plotArea,
            new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
            new C.PlotVisibleOnly { Val = true },
            new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }));

    /// <summary>The frame in a drawing that shows the chart related as <paramref name="chartId"/>.</summary>
    public static Xdr.GraphicFrame Frame(uint id, string name, string chartId) => new(
        new Xdr.NonVisualGraphicFrameProperties(
            new Xdr.NonVisualDrawingProperties { Id = id, Name = name },
            new Xdr.NonVisualGraphicFrameDrawingProperties()),
        new Xdr.Transform(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = 0L, Cy = 0L }),
        new A.Graphic(new A.GraphicData(new C.ChartReference { Id = chartId })
        {
            Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart",
        }))
    { Macro = "" };

    public static C.NumericPoint Point(int index, string value) =>
        new(new C.NumericValue(value)) { Index = (uint)index };

    public static string Sheet(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static C.TextProperties TextProperties(int rotation) => new(
        new A.BodyProperties { Rotation = rotation, Vertical = A.TextVerticalValues.Horizontal },
        new A.ListStyle(),
        new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = 900 }),
            new A.EndParagraphRunProperties { Language = "en-US" }));

    /// <summary>A chart's title (14 pt bold), or an axis's at a smaller size.</summary>
    public static C.Title Title(string text, int fontSize = 1400, bool bold = true) => new(
        new C.ChartText(new C.RichText(
            new A.BodyProperties(),
            new A.ListStyle(),
            new A.Paragraph(
                new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = fontSize, Bold = bold }),
                new A.Run(new A.RunProperties { Language = "en-US", FontSize = fontSize, Bold = bold }, new A.Text(text))))),
        new C.Overlay { Val = false });
}
