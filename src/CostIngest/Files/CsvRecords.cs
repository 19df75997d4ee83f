using System.Runtime.CompilerServices;
using System.Text;

namespace Costs.CostIngest.Files;

/// <summary>Malformed CSV at a 1-based line.</summary>
public sealed class CsvFormatException(long line, string message) : FormatException(message)
{
    public long Line { get; } = line;
}

/// <summary>One CSV record and the 1-based physical line it starts on.</summary>
public readonly record struct CsvRecord(long Line, string[] Fields);

/// <summary>
/// A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes, a doubled quote
/// inside quotes is one quote, and a quoted field may span lines. A stray quote inside an unquoted
/// field, or a file that ends inside quotes, is a <see cref="CsvFormatException"/> naming the line.
/// </summary>
public static class CsvRecords
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader,
        [EnumeratorCancellation] CancellationToken ct)
    {
        long line = 0;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            var start = line;
            if (text.Length == 0) continue;
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
                            var next = await reader.ReadLineAsync(ct)
                                ?? throw new CsvFormatException(start, "the file ends inside a quoted field");
                            line++;
                            field.Append('\n');
                            text = next;
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
            yield return new CsvRecord(start, fields.ToArray());
        }
    }
}
