using Costs.CostModel.Clusters;

namespace Costs.CostAnalyzer.Clusters;

/// <summary>The <see cref="UsageHour"/> rows of each version (by its index in the list of versions), in hour order.</summary>
internal sealed class VersionUsage
{
    private readonly UsageHour[] _rows;
    private readonly int[] _start;

    private VersionUsage(UsageHour[] rows, int[] start)
    {
        _rows = rows;
        _start = start;
    }

    /// <summary>Buckets <paramref name="rows"/> by version (<paramref name="ids"/>: each version's id); rows of an unknown id are left out.</summary>
    public static VersionUsage Of(IReadOnlyList<UsageHour> rows, IReadOnlyList<long> ids)
    {
        var index = new Dictionary<long, int>(ids.Count);
        for (var i = 0; i < ids.Count; i++) index.TryAdd(ids[i], i);
        var version = new int[rows.Count];
        var start = new int[ids.Count + 1];
        for (var r = 0; r < rows.Count; r++)
        {
            version[r] = index.TryGetValue(rows[r].VersionId, out var v) ? v : -1;
            if (version[r] >= 0) start[version[r] + 1]++;
        }
        for (var i = 0; i < ids.Count; i++) start[i + 1] += start[i];
        var next = start[..^1];
        var bucketed = new UsageHour[start[^1]];
        for (var r = 0; r < rows.Count; r++)
            if (version[r] >= 0) bucketed[next[version[r]]++] = rows[r];
        for (var i = 0; i < ids.Count; i++)
        {
            var slice = bucketed.AsSpan(start[i], start[i + 1] - start[i]);
            if (!Sorted(slice)) slice.Sort((a, b) => a.Hour.CompareTo(b.Hour));
        }
        return new VersionUsage(bucketed, start);
    }

    /// <summary>The rows of version <paramref name="version"/>, in hour order.</summary>
    public ReadOnlySpan<UsageHour> Hours(int version) => _rows.AsSpan(_start[version], _start[version + 1] - _start[version]);

    private static bool Sorted(ReadOnlySpan<UsageHour> rows)
    {
        for (var i = 1; i < rows.Length; i++)
            if (rows[i - 1].Hour > rows[i].Hour) return false;
        return true;
    }
}
