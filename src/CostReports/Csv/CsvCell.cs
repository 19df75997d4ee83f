namespace Costs.CostReports.Csv;

/// <summary>
/// One CSV cell of text from the data (a service name, a label value), made harmless for a spreadsheet
/// that opens the file. The one rule for every CSV that Costs writes (`query --format csv`, the FOCUS export).
/// </summary>
public static class CsvCell
{
    /// <summary>
    /// A spreadsheet runs a cell that starts with = + - @ (and, in some, TAB or CR) as a formula
    /// (<c>=cmd|' /C calc'!A0</c>), so such text is written with a leading apostrophe, the usual defence,
    /// which spreadsheets show as text. Numbers are not text and never pass through here. Then RFC 4180
    /// quoting: a cell with a comma, quote, CR or LF is quoted, quotes doubled.
    /// </summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return Quoted(text);
    }

    /// <summary>
    /// RFC 4180 quoting alone, for a cell whose first character cannot start a formula by construction (a JSON
    /// object, which starts with <c>{</c>; a number).
    /// </summary>
    public static string Quoted(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
