using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using Costs.CostIngest.Files;

namespace Costs.CostIngest.Tests.Files;

/// <summary>
/// Gzip files as writers leave them. The files are made here with .NET's GZipStream and DeflateStream
/// (RFC 1952: a 10-byte header, raw deflate data, then CRC-32 and size, little-endian); the corpus in
/// tests/hostile/cases holds the same shapes made by Python's gzip module.
/// </summary>
public sealed class CheckedGzipStreamTests
{
    private static readonly byte[] Text = Encoding.UTF8.GetBytes(string.Concat(
        Enumerable.Range(0, 3000).Select(i => $"{{\"n\":{i},\"pad\":\"{new string((char)('a' + i % 26), 40)}\"}}\n")));

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.Optimal)) z.Write(data);
        return ms.ToArray();
    }

    private static async Task<byte[]> ReadAllAsync(TempDir dir, byte[] file)
    {
        var path = dir.File("f.gz");
        await File.WriteAllBytesAsync(path, file);
        await using var stream = BillingFileFormats.OpenData(path);
        using var ms = new MemoryStream();
        await stream.CopyToAsync(ms);
        return ms.ToArray();
    }

    [Fact]
    public async Task OpenData_WholeFile_ReadsEveryByte()
    {
        using var dir = new TempDir();
        Assert.Equal(Text, await ReadAllAsync(dir, Gzip(Text)));
    }

    [Fact]
    public async Task OpenData_ConcatenatedMembers_ReadsThemAll()
    {
        using var dir = new TempDir();
        var file = Gzip(Text[..1000]).Concat(Gzip([])).Concat(Gzip(Text[1000..])).ToArray();
        Assert.Equal(Text, await ReadAllAsync(dir, file));
    }

    /// <summary>An empty member's trailer is all zeros, like the last byte of its deflate data (03 00).</summary>
    [Fact]
    public async Task OpenData_EmptyMembers_ReadAsNothing()
    {
        using var dir = new TempDir();
        Assert.Empty(await ReadAllAsync(dir, Gzip([])));
        Assert.Equal(Text[..10], await ReadAllAsync(dir, [.. Gzip([]), .. Gzip([]), .. Gzip(Text[..10])]));
    }

    [Fact]
    public async Task OpenData_HeaderWithExtraNameCommentAndHeaderCrc_ReadsTheData()
    {
        using var dir = new TempDir();
        using var ms = new MemoryStream();
        ms.Write([0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 255]);
        ms.Write([3, 0, (byte)'a', (byte)'b', (byte)'c']);
        ms.Write("export.jsonl\0"u8);
        ms.Write("made by hand\0"u8);
        ms.Write([0x12, 0x34]);
        using (var d = new DeflateStream(ms, CompressionLevel.Fastest, leaveOpen: true)) d.Write(Text);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.HashToUInt32(Text));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)Text.Length);
        ms.Write(trailer);
        Assert.Equal(Text, await ReadAllAsync(dir, ms.ToArray()));
    }

    [Fact]
    public async Task OpenData_WriterKilledAfterAFlush_IsCutShort()
    {
        using var dir = new TempDir();
        using var ms = new MemoryStream();
        var z = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true);
        foreach (var line in Encoding.UTF8.GetString(Text).Split('\n').Take(1200))
        {
            z.Write(Encoding.UTF8.GetBytes(line + "\n"));
            z.Flush();
        }
        var killed = ms.ToArray(); // what the file held when the writer died: every flush, no trailer
        var ex = await Assert.ThrowsAsync<BadFileException>(() => ReadAllAsync(dir, killed));
        Assert.Contains("cut short", ex.Message);
        Assert.StartsWith(dir.File("f.gz") + ":", ex.Message);
        await z.DisposeAsync();
    }

    /// <summary>Cut at: inside the header, right after it, in the deflate data, before the trailer, inside it.</summary>
    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(-2000)]
    [InlineData(-9)]
    [InlineData(-8)]
    [InlineData(-4)]
    [InlineData(-1)]
    public async Task OpenData_CutAnywhere_ThrowsBadFile(int cut)
    {
        using var dir = new TempDir();
        var whole = Gzip(Text);
        var file = whole[..(cut >= 0 ? cut : whole.Length + cut)];
        var ex = await Assert.ThrowsAsync<BadFileException>(() => ReadAllAsync(dir, file));
        Assert.Contains("cut short", ex.Message);
    }

    [Theory]
    [InlineData(-8, "CRC-32")]
    [InlineData(-1, "CRC-32")]
    public async Task OpenData_TrailerDisagreesWithTheData_ThrowsBadFile(int at, string expected)
    {
        using var dir = new TempDir();
        var file = Gzip(Text);
        file[file.Length + at] ^= 0x01;
        var ex = await Assert.ThrowsAsync<BadFileException>(() => ReadAllAsync(dir, file));
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'j', (byte)'u', (byte)'n', (byte)'k' })]
    [InlineData(new byte[] { 0x1f })]
    public async Task OpenData_BytesAfterTheLastMember_ThrowsBadFile(byte[] tail)
    {
        using var dir = new TempDir();
        var ex = await Assert.ThrowsAsync<BadFileException>(() => ReadAllAsync(dir, Gzip(Text).Concat(tail).ToArray()));
        Assert.Contains("after the end of the gzip data", ex.Message);
    }

    [Fact]
    public async Task OpenData_SecondMemberCutShort_ThrowsBadFile()
    {
        using var dir = new TempDir();
        var second = Gzip(Text[1000..]);
        var file = Gzip(Text[..1000]).Concat(second[..^6]).ToArray();
        await Assert.ThrowsAsync<BadFileException>(() => ReadAllAsync(dir, file));
    }

    [Fact]
    public async Task OpenData_NotDeflate_ThrowsBadFile()
    {
        using var dir = new TempDir();
        var file = Gzip(Text);
        file[2] = 7;
        var ex = await Assert.ThrowsAsync<BadFileException>(() => ReadAllAsync(dir, file));
        Assert.Contains("not deflate", ex.Message);
    }
}
