using System.Globalization;
using System.Text;

namespace Costs.Cli;

/// <summary>
/// Text that comes from the data (a service name, a label value), made harmless for where the CLI
/// writes it: a CSV file that a spreadsheet will open, or a terminal.
/// </summary>
internal static class OutputText
{
    /// <summary>
    /// One CSV cell of text: formula-like text gets a leading apostrophe, then RFC 4180 quoting. The rule
    /// lives in <see cref="CostReports.Csv.CsvCell"/>, shared with the FOCUS export; the workbook needs none
    /// (its cells are typed as text).
    /// </summary>
    public static string CsvCell(string text) => CostReports.Csv.CsvCell.Text(text);

    /// <summary>
    /// Text for a terminal: control characters (C0, DEL, C1: ESC, CR, NUL, …) and the invisible
    /// characters that reorder text (bidirectional overrides and isolates) are shown as escapes such
    /// as <c>\x1b</c>, <c>\r</c> or <c>\u202e</c>, so that data can neither move the cursor, recolour or
    /// clear the screen, nor disguise what is shown.
    /// </summary>
    public static string Terminal(string text)
    {
        var i = 0;
        while (i < text.Length && !Unsafe(text[i])) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length + 8).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!Unsafe(c)) sb.Append(c);
            else sb.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                < '\u0100' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }
        return sb.ToString();
    }

    private static bool Unsafe(char c) =>
        char.IsControl(c) || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u200e' or '\u200f' or '\u061c';
}
