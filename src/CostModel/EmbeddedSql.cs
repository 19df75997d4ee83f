using System.Collections.Concurrent;
using System.Reflection;

namespace Costs.CostModel;

/// <summary>
/// The one loader of SQL files embedded into an assembly (logical names <c>sql/…</c>): the store's
/// statements and migrations, and the BigQuery queries. Each file is read once and kept.
/// </summary>
public sealed class EmbeddedSql(Assembly assembly)
{
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    /// <summary>The text of <c>sql/<paramref name="file"/></c>; a file that is not embedded is a build error, said plainly.</summary>
    public string Get(string file) => _cache.GetOrAdd(file, f =>
    {
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.Replace('\\', '/') == "sql/" + f)
            ?? throw new InvalidOperationException($"SQL file {f} is not embedded into {assembly.GetName().Name}.");
        return Read(resource);
    });

    /// <summary>Every embedded file under <c>sql/<paramref name="folder"/>/</c>: (file name without extension, text), by name.</summary>
    public IReadOnlyList<(string Name, string Text)> Folder(string folder) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.Replace('\\', '/').StartsWith($"sql/{folder}/", StringComparison.Ordinal))
            .Select(n => (Path.GetFileNameWithoutExtension(n.Replace('\\', '/')), Read(n)))
            .OrderBy(m => m.Item1, StringComparer.Ordinal)
            .ToList();

    private string Read(string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
