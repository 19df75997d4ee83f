using System.Security.Cryptography;

namespace Costs.CostIngest.Files;

/// <summary>A file named in a load that was not read, because an earlier one holds the same data.</summary>
public sealed record SkippedFile(string Path, string SameAs, bool SamePath)
{
    public override string ToString() => SamePath
        ? $"{Path} is named twice: read once."
        : $"{Path} holds the same data as {SameAs} (identical once decompressed): skipped, so that it is not counted twice.";
}

/// <summary>
/// Finds the files of one load that repeat an earlier one: the same file (by its full path, links
/// followed), or the same content (the SHA-256 of the decompressed bytes, so a file and its own .gz
/// match). Shards of one export differ in content and are all kept. Only files whose first 64 KiB
/// agree are read in full, so distinct shards cost one small read each.
/// </summary>
public static class DuplicateFiles
{
    private const int PrefixBytes = 64 << 10;

    public static async Task<(IReadOnlyList<string> Unique, IReadOnlyList<SkippedFile> Skipped)> FindAsync(
        IReadOnlyList<string> paths, CancellationToken ct)
    {
        var unique = new List<string>();
        var skipped = new List<SkippedFile>();
        var byIdentity = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (byIdentity.TryGetValue(Identity(path), out var first)) skipped.Add(new SkippedFile(path, first, SamePath: true));
            else
            {
                byIdentity.Add(Identity(path), path);
                unique.Add(path);
            }
        }
        if (unique.Count < 2) return (unique, skipped);

        var prefixes = new List<(string Path, string Prefix, bool Whole)>();
        foreach (var path in unique) prefixes.Add(await PrefixAsync(path, ct));
        var byContent = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = new List<string>();
        foreach (var (path, prefix, whole) in prefixes)
        {
            var shared = prefixes.Count(p => p.Prefix == prefix) > 1;
            var content = !shared || whole ? prefix : await HashAsync(path, ct);
            if (shared && byContent.TryGetValue(content, out var first)) skipped.Add(new SkippedFile(path, first, SamePath: false));
            else
            {
                byContent.TryAdd(content, path);
                kept.Add(path);
            }
        }
        return (kept, skipped);
    }

    private static string Identity(string path)
    {
        var full = Path.GetFullPath(path);
        return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
    }

    /// <summary>The SHA-256 of the first 64 KiB of decompressed data, and whether that was all of it.</summary>
    private static async Task<(string Path, string Prefix, bool Whole)> PrefixAsync(string path, CancellationToken ct)
    {
        await using var data = BillingFileFormats.OpenData(path);
        var buffer = new byte[PrefixBytes + 1];
        var n = await data.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        var whole = n <= PrefixBytes;
        if (whole) await data.CopyToAsync(Stream.Null, ct); // a short gzip file is still checked to its trailer
        return (path, Convert.ToHexString(SHA256.HashData(buffer.AsSpan(0, Math.Min(n, PrefixBytes)))) + (whole ? "" : "+"), whole);
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var data = BillingFileFormats.OpenData(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(data, ct));
    }
}
