using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

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

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async IAsyncEnumerable<TextLine> ReadAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var stream = BillingFileFormats.OpenData(path);
        var buffer = new byte[1 << 16];
        var carry = new ArrayBufferWriter<byte>();
        long number = 0, carried = 0;
        var skipLf = false;
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
                    carried += Carry(carry, buffer.AsSpan(i, n - i), carried);
                    i = n;
                    break;
                }
                var terminator = buffer[i + end];
                TextLine line;
                if (carried == 0) line = Decode(++number, buffer.AsSpan(i, end), end);
                else
                {
                    carried += Carry(carry, buffer.AsSpan(i, end), carried);
                    line = Decode(++number, carry.WrittenSpan, carried);
                    carry.ResetWrittenCount();
                    carried = 0;
                }
                i += end + 1;
                if (terminator == (byte)'\r')
                {
                    if (i < n && buffer[i] == (byte)'\n') i++;
                    else if (i == n) skipLf = true;
                }
                yield return line;
            }
            n = await stream.ReadAsync(buffer, ct);
            i = 0;
        }
        if (carried > 0) yield return Decode(++number, carry.WrittenSpan, carried);
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

    /// <summary>Appends part of a line that goes on past the buffer, up to the limit; returns the bytes seen.</summary>
    private static long Carry(ArrayBufferWriter<byte> carry, ReadOnlySpan<byte> part, long carried)
    {
        if (carried + part.Length <= MaxLineBytes) carry.Write(part);
        return part.Length;
    }

    private static TextLine Decode(long number, ReadOnlySpan<byte> bytes, long length)
    {
        if (length > MaxLineBytes)
            return new TextLine(number, "", $"the line is {length:N0} bytes long, more than the {MaxLineBytes / (1 << 20)} MiB a billing row can take");
        try
        {
            return new TextLine(number, Strict.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            return Invalid(number, bytes);
        }
    }

    /// <summary>The line with its first invalid UTF-8 sequence named by its 1-based byte position.</summary>
    private static TextLine Invalid(long number, ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        Utf8.ToUtf16(bytes, chars, out var valid, out _, replaceInvalidSequences: false);
        var bad = bytes.Slice(valid, Math.Min(4, bytes.Length - valid));
        return new TextLine(number, Encoding.UTF8.GetString(bytes),
            $"not valid UTF-8 at byte {valid + 1:N0} of the line", "bytes " + string.Join(' ', bad.ToArray().Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))));
    }
}
