using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Costs.CostIngest.Files;

/// <summary>
/// One physical line of a billing file: its 1-based number and its text, or, when <see cref="Problem"/>
/// is set, why the line is not text (<see cref="Value"/> shows the offending bytes).
/// </summary>
public readonly record struct TextLine(long Number, string Text, string? Problem = null, string? Value = null);

/// <summary>
/// Reads a billing file as lines of strict UTF-8. A line ends at LF, CR LF or CR. A UTF-8 byte-order
/// mark at the start is skipped; a UTF-16 or UTF-32 one makes the file a <see cref="BadFileException"/>.
/// A line that is not valid UTF-8 is not rewritten with U+FFFD (which would make up a new service or
/// cluster name): it comes back with a <see cref="TextLine.Problem"/> naming the byte. So does a line
/// longer than <see cref="MaxLineBytes"/>, whose bytes are skipped rather than held in memory.
/// </summary>
public static class TextLines
{
    /// <summary>The longest line read: an export row is a few kilobytes, so this is a thousand times that.</summary>
    public const int MaxLineBytes = 4 << 20;

    /// <summary>Lines of text, one at a time (each decoded to a string; see <see cref="ReadBatchesAsync"/> for the bytes).</summary>
    public static async IAsyncEnumerable<TextLine> ReadAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in ReadBatchesAsync(path, 256, ct))
        {
            using (batch)
            {
                for (var i = 0; i < batch.Count; i++) yield return batch.Decode(i);
            }
        }
    }

    /// <summary>Bytes held by a batch before it is handed over even if it has fewer lines.</summary>
    private const int BatchBytes = 1 << 20;

    /// <summary>
    /// The lines as raw bytes, <paramref name="batchLines"/> at a time (fewer when they hold a megabyte), in
    /// file order. The caller owns and disposes each batch. A read that fails part-way (a damaged gzip
    /// stream) first hands over the whole lines read before it, then throws.
    /// </summary>
    public static async IAsyncEnumerable<LineBatch> ReadBatchesAsync(string path, int batchLines,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var stream = BillingFileFormats.OpenData(path);
        var buffer = new byte[1 << 16];
        LineBatch? batch = new();
        try
        {
            long number = 0;
            bool inLine = false, skipLf = false;
            var n = await ReadStartAsync(stream, buffer, path, ct);
            var i = StartAfterBom(buffer.AsSpan(0, n));
            while (n > 0)
            {
                if (skipLf && i < n && buffer[i] == (byte)'\n') i++;
                skipLf = false;
                while (i < n)
                {
                    var end = buffer.AsSpan(i, n - i).IndexOfAny((byte)'\n', (byte)'\r');
                    if (end < 0)
                    {
                        batch.Append(buffer.AsSpan(i, n - i));
                        inLine = true;
                        break;
                    }
                    var terminator = buffer[i + end];
                    batch.Append(buffer.AsSpan(i, end));
                    batch.EndLine(++number);
                    inLine = false;
                    i += end + 1;
                    if (terminator == (byte)'\r')
                    {
                        if (i < n && buffer[i] == (byte)'\n') i++;
                        else if (i == n) skipLf = true;
                    }
                    if (batch.Count < batchLines && batch.ByteCount < BatchBytes) continue;
                    var full = batch;
                    batch = null;
                    yield return full;
                    batch = new LineBatch();
                }
                ExceptionDispatchInfo? failure = null;
                try
                {
                    n = await stream.ReadAsync(buffer, ct);
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
                if (failure is not null)
                {
                    // The whole lines read so far first, as a line-at-a-time read gives them; then the failure.
                    if (batch.Count > 0)
                    {
                        var partial = batch;
                        batch = null;
                        yield return partial;
                    }
                    failure.Throw();
                }
                i = 0;
            }
            if (inLine) batch.EndLine(++number);
            if (batch.Count > 0)
            {
                var last = batch;
                batch = null;
                yield return last;
            }
        }
        finally
        {
            batch?.Dispose();
        }
    }

    /// <summary>
    /// Reads the first bytes, enough to see a byte-order mark, and refuses UTF-16 and UTF-32 (BigQuery and
    /// FOCUS exports are UTF-8; such a file is a spreadsheet's "Unicode text" and needs converting).
    /// </summary>
    private static async Task<int> ReadStartAsync(Stream stream, byte[] buffer, string path, CancellationToken ct)
    {
        var n = await stream.ReadAtLeastAsync(buffer, 4, throwOnEndOfStream: false, ct);
        var start = buffer.AsSpan(0, n);
        string? encoding = start switch
        {
            [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32 big-endian",
            [0xFF, 0xFE, 0x00, 0x00, ..] => "UTF-32 little-endian",
            [0xFF, 0xFE, ..] => "UTF-16 little-endian",
            [0xFE, 0xFF, ..] => "UTF-16 big-endian",
            _ => null,
        };
        if (encoding is not null)
            throw new BadFileException(path, $"the file is {encoding} (it starts with a byte-order mark); billing files are read as UTF-8. " +
                "Convert it first, e.g. iconv -f UTF-16 -t UTF-8.");
        return n;
    }

    private static int StartAfterBom(ReadOnlySpan<byte> start) => start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
}
