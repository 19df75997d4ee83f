using Costs.CostModel.Money;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Costs.CostReports.Workbook;

/// <summary>The cell formats of the workbook; each value is an index into the stylesheet's cellXfs.</summary>
internal enum CellStyle : uint
{
    Default = 0,
    Header = 1,
    Money = 2,
    Date = 3,
    Percent = 4,
    Title = 5,
    MoneyBold = 6,
    TextBold = 7,
    PercentBold = 8,
    HeaderRight = 9,
    Quantity = 10,
    Wrapped = 11,
    Count = 12,
}

/// <summary>Builds the stylesheet: a currency format by code, dates, percentages and a bold header.</summary>
internal static class Styles
{
    private const uint MoneyFormatId = 164;
    private const uint DateFormatId = 165;
    private const uint PercentFormatId = 166;

    /// <summary>An Excel number format for amounts in <paramref name="currency"/>, e.g. <c>"$"#,##0.00</c>.</summary>
    public static string MoneyFormat(Currency currency)
    {
        var symbol = currency.Code switch
        {
            "USD" => "$",
            "GBP" => "£",
            "EUR" => "€",
            _ => null,
        };
        return symbol is null
            ? $"#,##0.00 \"{currency.Code}\";-#,##0.00 \"{currency.Code}\""
            : $"\"{symbol}\"#,##0.00;-\"{symbol}\"#,##0.00";
    }

    public static Stylesheet Build(Currency currency) => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = MoneyFormatId, FormatCode = MoneyFormat(currency) },
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = PercentFormatId, FormatCode = "0.0%" })
        { Count = 3 },
        new Fonts(
            Font(bold: false, size: 11),
            Font(bold: true, size: 11),
            Font(bold: true, size: 14))
        { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }, new BackgroundColor { Indexed = 64 })
            { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(),
                new BottomBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
        { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            Xf(0, 0),                                    // Default
            Xf(0, 1, fill: 2, border: 1),                // Header
            Xf(MoneyFormatId, 0),                        // Money
            Xf(DateFormatId, 0),                         // Date
            Xf(PercentFormatId, 0),                      // Percent
            Xf(0, 2),                                    // Title
            Xf(MoneyFormatId, 1),                        // MoneyBold
            Xf(0, 1),                                    // TextBold
            Xf(PercentFormatId, 1),                      // PercentBold
            HeaderRight(),
            Xf(4, 0),                                    // Quantity: built-in #,##0.00
            Wrapped(),
            Xf(3, 0))                                    // Count: built-in #,##0
        { Count = 13 },
        new CellStyles(new DocumentFormat.OpenXml.Spreadsheet.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 })
        { Count = 1 });

    private static Font Font(bool bold, double size)
    {
        var font = new Font();
        if (bold) font.Append(new Bold());
        font.Append(new FontSize { Val = size });
        font.Append(new FontName { Val = "Calibri" });
        font.Append(new FontFamilyNumbering { Val = 2 });
        return font;
    }

    private static CellFormat HeaderRight()
    {
        var xf = Xf(0, 1, fill: 2, border: 1);
        xf.ApplyAlignment = true;
        xf.Append(new Alignment { Horizontal = HorizontalAlignmentValues.Right });
        return xf;
    }

    /// <summary>Long text (a reason) wrapped within its column; its last line sits on the row's baseline, as the other cells do.</summary>
    private static CellFormat Wrapped()
    {
        var xf = Xf(0, 0);
        xf.ApplyAlignment = true;
        xf.Append(new Alignment { WrapText = true });
        return xf;
    }

    private static CellFormat Xf(uint numberFormat, uint font, uint fill = 0, uint border = 0) => new()
    {
        NumberFormatId = numberFormat,
        FontId = font,
        FillId = fill,
        BorderId = border,
        FormatId = 0,
        ApplyNumberFormat = numberFormat != 0 ? true : null,
        ApplyFont = font != 0 ? true : null,
        ApplyFill = fill != 0 ? true : null,
        ApplyBorder = border != 0 ? true : null,
    };
}
