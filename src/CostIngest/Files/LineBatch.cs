using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Costs.CostIngest.Files;

/// <summary>
/// A run of consecutive lines of a billing file, kept as their raw bytes in one pooled buffer, so that a
/// reader can parse the UTF-8 directly (no string per line) on another thread. The owner disposes it,
/// which hands the buffer back to the pool; nothing read from it may keep a span of it.
/// </summary>
public sealed class LineBatch : IDisposable
{
    private const int InitialBytes = 1 << 19;

    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(InitialBytes);
    private int _used;
    private int _lineStart;
    private long _lineLength;
    private readonly List<(long Number, int Start, int Length, long FullLength)> _lines = [];

    /// <summary>The lines held.</summary>
    public int Count => _lines.Count;

    /// <summary>The bytes held, for a reader deciding that the batch is full.</summary>
    public int ByteCount => _used;

    /// <summary>The 1-based line number of line <paramref name="i"/> of the batch.</summary>
    public long Number(int i) => _lines[i].Number;

    /// <summary>Whether line <paramref name="i"/> was longer than <see cref="TextLines.MaxLineBytes"/> (its bytes are not held).</summary>
    public bool TooLong(int i) => _lines[i].FullLength > TextLines.MaxLineBytes;

    /// <summary>The raw bytes of line <paramref name="i"/>, without its line end; not yet checked to be UTF-8.</summary>
    public ReadOnlySpan<byte> Bytes(int i) => _bytes.AsSpan(_lines[i].Start, _lines[i].Length);

    /// <summary>Appends part of the line being read; bytes past <see cref="TextLines.MaxLineBytes"/> are counted, not kept.</summary>
    internal void Append(ReadOnlySpan<byte> part)
    {
        var before = _lineLength;
        _lineLength += part.Length;
        if (_lineLength > TextLines.MaxLineBytes)
        {
            // Too long: its bytes are dropped, only its length is kept (for the message).
            if (before <= TextLines.MaxLineBytes) _used = _lineStart;
            return;
        }
        if (_used + part.Length > _bytes.Length) Grow(part.Length);
        part.CopyTo(_bytes.AsSpan(_used));
        _used += part.Length;
    }

    /// <summary>Ends the line being read as line <paramref name="number"/> of the file.</summary>
    internal void EndLine(long number)
    {
        var kept = _lineLength > TextLines.MaxLineBytes ? 0 : _used - _lineStart;
        _lines.Add((number, _lineStart, kept, _lineLength));
        _lineStart = _used;
        _lineLength = 0;
    }

    private void Grow(int more)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _used + more));
        _bytes.AsSpan(0, _used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = bigger;
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Line <paramref name="i"/> as text, or, when it is too long or not valid UTF-8, the line with its
    /// <see cref="TextLine.Problem"/>: a bad byte is named, never replaced with U+FFFD (which would make up
    /// a new service or cluster name).
    /// </summary>
    public TextLine Decode(int i)
    {
        var (number, _, _, length) = _lines[i];
        if (length > TextLines.MaxLineBytes)
            return new TextLine(number, "", $"the line is {length:N0} bytes long, more than the {TextLines.MaxLineBytes / (1 << 20)} MiB a billing row can take");
        var bytes = Bytes(i);
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

    public void Dispose()
    {
        var bytes = Interlocked.Exchange(ref _bytes, []);
        if (bytes.Length > 0) ArrayPool<byte>.Shared.Return(bytes);
    }
}
