using System.Runtime.CompilerServices;
using System.Text;

namespace Costs.CostIngest.Files;

/// <summary>Malformed CSV at a 1-based line.</summary>
public sealed class CsvFormatException(long line, string message) : FormatException(message)
{
    public long Line { get; } = line;
}

/// <summary>
/// One CSV record and the 1-based physical line it starts on. <see cref="BadLine"/> is the first of its
/// lines that is not text (see <see cref="TextLines"/>): such a record is a bad row, whatever its fields.
/// </summary>
public readonly record struct CsvRecord(long Line, string[] Fields, TextLine? BadLine = null);

/// <summary>
/// A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes, a doubled quote
/// inside quotes is one quote, and a quoted field may span lines. A stray quote inside an unquoted
/// field, a file that ends inside quotes, or a quoted field longer than a line may be (a quote that is
/// never closed swallows the rest of the file) is a <see cref="CsvFormatException"/> naming the line.
/// </summary>
public static class CsvRecords
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(IAsyncEnumerable<TextLine> source,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var lines = source.GetAsyncEnumerator(ct);
        var fields = new List<string>();
        var field = new StringBuilder();
        while (await lines.MoveNextAsync())
        {
            var (line, text, bad) = (lines.Current.Number, lines.Current.Text, lines.Current.Problem is null ? (TextLine?)null : lines.Current);
            var start = line;
            if (text.Length == 0 && bad is null) continue;
            fields.Clear();
            field.Clear();
            var i = 0;
            while (true)
            {
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            // The quoted field goes on on the next physical line.
                            if (!await lines.MoveNextAsync()) throw new CsvFormatException(start, "the file ends inside a quoted field");
                            if (field.Length > TextLines.MaxLineBytes)
                                throw new CsvFormatException(start, $"a quoted field runs on past {field.Length:N0} characters (line {line}): is a quote never closed?");
                            line = lines.Current.Number;
                            if (lines.Current.Problem is not null) bad ??= lines.Current;
                            field.Append('\n');
                            text = lines.Current.Text;
                            i = 0;
                            continue;
                        }
                        var c = text[i];
                        if (c == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                            i++;
                            break;
                        }
                        field.Append(c);
                        i++;
                    }
                    if (i < text.Length && text[i] != ',')
                        throw new CsvFormatException(line, $"unexpected character '{text[i]}' after a closing quote (column {i + 1})");
                }
                else
                {
                    var comma = text.IndexOf(',', i);
                    var end = comma < 0 ? text.Length : comma;
                    var raw = text.AsSpan(i, end - i);
                    if (raw.Contains('"'))
                        throw new CsvFormatException(line, $"a quote inside an unquoted field (column {i + 1})");
                    field.Append(raw);
                    i = end;
                }
                fields.Add(field.ToString());
                field.Clear();
                if (i >= text.Length) break;
                i++; // the comma
                if (i == text.Length) { fields.Add(""); break; }
            }
            yield return new CsvRecord(start, fields.ToArray(), bad);
        }
    }
}
