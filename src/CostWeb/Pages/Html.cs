using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Costs.CostWeb.Pages;

/// <summary>
/// A small HTML writer: every text from the data goes through <see cref="Text"/> (HTML-encoded, control
/// characters dropped), markup is written by <see cref="Raw"/> from constants of this project only.
/// </summary>
internal sealed class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;
    private readonly StringBuilder _sb = new();

    public Html Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    public Html Text(string? text)
    {
        _sb.Append(Encode(text));
        return this;
    }

    /// <summary>An element holding text: <c>&lt;tag attributes&gt;text&lt;/tag&gt;</c>.</summary>
    public Html Element(string tag, string? text, string attributes = "")
    {
        _sb.Append('<').Append(tag).Append(attributes.Length > 0 ? " " + attributes : "").Append('>');
        _sb.Append(Encode(text));
        _sb.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A link whose address is built from encoded parts (<see cref="Url"/>) and whose text is encoded.</summary>
    public Html Link(string href, string? text) => Raw("<a href=\"").Raw(Encode(href)).Raw("\">").Text(text).Raw("</a>");

    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // Control characters (an escape sequence in a label) are not shown; tab and newline stay.
        var clean = text.Any(c => char.IsControl(c) && c is not ('\t' or '\n'))
            ? new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\n').ToArray())
            : text;
        return Encoder.Encode(clean);
    }

    /// <summary>A query string value, percent-encoded.</summary>
    public static string Url(string value) => Uri.EscapeDataString(value);

    public static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a signed percentage with one decimal ("+4.2%"), or "n/a".</summary>
    public static string Change(decimal? fraction) => fraction is { } f
        ? (f > 0m ? "+" : "") + (f * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : "n/a";

    /// <summary>A fraction as a percentage without sign ("62.5%"), or "n/a".</summary>
    public static string Percent(decimal? fraction) => fraction is { } f
        ? (f * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : "n/a";

    public static string Number(decimal value, string format = "#,##0.#") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override string ToString() => _sb.ToString();
}
