using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Costs.CostIngest.Files;

/// <summary>
/// Decompresses a gzip file (RFC 1952) member after member, and proves each member whole: its deflate
/// data ends, and the 8-byte trailer after it holds the CRC-32 and the size (mod 2^32) of what was
/// decompressed. <see cref="GZipStream"/> alone reports a clean end of file when the file stops early
/// (a writer killed after a flush, a copy cut short), so a partial export would load as if complete.
/// Anything else after the last member (garbage, padding) is also an error. Every error is a
/// <see cref="BadFileException"/> naming the file.
/// </summary>
/// <remarks>
/// Each member's deflate data is read through a <see cref="DeflateStream"/>, which reads ahead and keeps
/// no record of where the data ended. The trailer is found instead: it starts where the deflate data
/// ends, inside the last stretch of file the inflater read, and it is the 8 bytes there that match the
/// CRC-32 and size of the member's output (a false match has odds of 2^-64 per position).
/// </remarks>
internal sealed class CheckedGzipStream : ForwardOnlyStream
{
    private const int FlagHeaderCrc = 0x02, FlagExtra = 0x04, FlagName = 0x08, FlagComment = 0x10, FlagReserved = 0xE0;

    private readonly FileStream _file;
    private readonly string _path;
    private readonly Crc32 _crc = new();
    private TrackingStream? _input;
    private DeflateStream? _member;
    private long _memberLength;
    private long _total;
    private bool _end;

    public CheckedGzipStream(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    public override int Read(Span<byte> buffer)
    {
        while (!_end && buffer.Length > 0)
        {
            if (_member is null && !StartMember())
            {
                _end = true;
                break;
            }
            int n;
            try
            {
                n = _member!.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new BadFileException(_path, $"the gzip data is damaged after {_total:N0} decompressed bytes ({ex.Message}).");
            }
            if (n > 0)
            {
                _crc.Append(buffer[..n]);
                _memberLength += n;
                _total += n;
                return n;
            }
            FinishMember();
        }
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>
    /// Reads synchronously: the file is local and inflating is CPU work, so an async path would only add
    /// a thread hop per buffer.
    /// </summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads the next member's header; false at the end of the file after at least one member.</summary>
    private bool StartMember()
    {
        var at = _file.Position;
        if (at == _file.Length && _input is not null) return false;
        Span<byte> fixedPart = stackalloc byte[10];
        var got = _file.ReadAtLeast(fixedPart, fixedPart.Length, throwOnEndOfStream: false);
        if (_input is not null && (got < 2 || fixedPart[0] != 0x1f || fixedPart[1] != 0x8b))
            throw new BadFileException(_path, $"{_file.Length - at:N0} byte(s) after the end of the gzip data are not gzip (at byte {at:N0}).");
        if (got < fixedPart.Length) throw HeaderCutShort();
        if (fixedPart[2] != 8)
            throw new BadFileException(_path, $"the gzip compression method is {fixedPart[2]}, not deflate (8).");
        var flags = fixedPart[3];
        if ((flags & FlagReserved) != 0)
            throw new BadFileException(_path, $"the gzip header sets reserved flags (0x{flags:X2}).");
        if ((flags & FlagExtra) != 0)
        {
            Span<byte> length = stackalloc byte[2];
            if (_file.ReadAtLeast(length, 2, throwOnEndOfStream: false) < 2) throw HeaderCutShort();
            Skip(BinaryPrimitives.ReadUInt16LittleEndian(length));
        }
        if ((flags & FlagName) != 0) SkipZeroTerminated();
        if ((flags & FlagComment) != 0) SkipZeroTerminated();
        if ((flags & FlagHeaderCrc) != 0) Skip(2);

        _input = new TrackingStream(_file);
        _member = new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
        _crc.Reset();
        _memberLength = 0;
        return true;
    }

    /// <summary>Finds the member's trailer, checks it and moves the file to the byte after it.</summary>
    private void FinishMember()
    {
        var input = _input!;
        var from = input.SearchFrom;
        var window = new byte[(int)Math.Min(input.LastReadEnd + 8, _file.Length) - from];
        _file.Position = from;
        _file.ReadExactly(window);
        var crc = _crc.GetCurrentHashAsUInt32();
        var size = unchecked((uint)_memberLength);
        var end = -1L;
        for (var i = 0; i + 8 <= window.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(window.AsSpan(i)) != crc
                || BinaryPrimitives.ReadUInt32LittleEndian(window.AsSpan(i + 4)) != size) continue;
            // An empty member's trailer is all zeros, and so may be the last deflate byte before it:
            // a match followed by the end of the file or by the next member wins over an earlier one.
            var after = from + i + 8;
            var next = window.AsSpan(i + 8);
            if (end < 0) end = after;
            if (after == _file.Length || next.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]) || next.Length < 2 && after + next.Length < _file.Length)
            {
                end = after;
                break;
            }
        }
        if (end >= 0)
        {
            _file.Position = end;
            _member!.Dispose();
            _member = null;
            return;
        }
        throw new BadFileException(_path, input.SawEndOfFile
            ? $"the gzip data stops before the end of its stream, after {_total:N0} decompressed bytes: the file is cut short " +
              "(a copy that did not finish, or a writer stopped before it closed the file). Nothing after that point can be trusted."
            : $"no gzip trailer with the CRC-32 and size of the {_memberLength:N0} bytes decompressed follows the compressed data: " +
              "the file is cut short or damaged.");
    }

    private BadFileException HeaderCutShort() => new(_path, "the file ends inside a gzip header: it is cut short.");

    private void Skip(int count)
    {
        if (_file.Position + count > _file.Length) throw HeaderCutShort();
        _file.Position += count;
    }

    private void SkipZeroTerminated()
    {
        int b;
        while ((b = _file.ReadByte()) > 0) { }
        if (b < 0) throw HeaderCutShort();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>
    /// The file as the inflater sees it, remembering the stretches of the last two reads: the deflate
    /// data ends inside them. Whether a read found the end of the file tells "cut short" from "damaged".
    /// </summary>
    private sealed class TrackingStream(FileStream file) : ForwardOnlyStream
    {
        private readonly long _start = file.Position;
        private long _previousReadStart = file.Position;
        private long _lastReadStart = file.Position;

        public long LastReadEnd { get; private set; } = file.Position;
        public bool SawEndOfFile { get; private set; }
        public long SearchFrom => Math.Max(_start, _previousReadStart);

        public override int Read(Span<byte> buffer)
        {
            var at = file.Position;
            var n = file.Read(buffer);
            _previousReadStart = _lastReadStart;
            _lastReadStart = at;
            LastReadEnd = at + n;
            if (n == 0 && buffer.Length > 0) SawEndOfFile = true;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    }
}

/// <summary>A stream that is read from start to end, once: no seeking, no length, no writing.</summary>
internal abstract class ForwardOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
