using Costs.CostModel.Clusters;

namespace Costs.CostAnalyzer.Clusters;

/// <summary>
/// The samples of one cluster in time order, cut into UTC hours: which of them a version (seen from its first
/// to its last sample, inclusive) was present in, hour by hour, found by binary search rather than a walk.
/// </summary>
internal sealed class SampleTimeline
{
    private readonly DateTimeOffset[] _at;
    private readonly string?[] _environment;
    private readonly int[] _runStart;   // the first sample of each hour, and a last entry: the sample count
    private readonly long[] _runHour;

    private SampleTimeline(SampleInstant[] ordered)
    {
        _at = ordered.Select(s => s.TakenAt).ToArray();
        _environment = ordered.Select(s => s.Environment).ToArray();
        var starts = new List<int>();
        var hours = new List<long>();
        for (var i = 0; i < ordered.Length; i++)
        {
            var hour = UsageHour.HourOf(ordered[i].TakenAt);
            if (hours.Count > 0 && hours[^1] == hour) continue;
            starts.Add(i);
            hours.Add(hour);
        }
        starts.Add(ordered.Length);
        _runStart = [.. starts];
        _runHour = [.. hours];
    }

    /// <summary>One timeline per cluster (ordinal names), each in time order.</summary>
    public static Dictionary<string, SampleTimeline> Of(IEnumerable<SampleInstant> samples) =>
        samples.GroupBy(s => s.Cluster, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new SampleTimeline(g.OrderBy(s => s.TakenAt).ToArray()), StringComparer.Ordinal);

    /// <summary>
    /// For each hour with a sample in [<paramref name="first"/>, <paramref name="last"/>]: the hour, how many of its
    /// samples fall in that span, how many samples the hour has, and the environment of the first in the span.
    /// </summary>
    public IEnumerable<Presence> Present(DateTimeOffset first, DateTimeOffset last)
    {
        var lo = LowerBound(first, inclusive: true);
        var hi = LowerBound(last, inclusive: false);
        if (lo >= hi) yield break;
        var run = Array.BinarySearch(_runStart, 0, _runHour.Length, lo);
        if (run < 0) run = ~run - 1;
        for (; run < _runHour.Length && _runStart[run] < hi; run++)
        {
            var from = Math.Max(_runStart[run], lo);
            var to = Math.Min(_runStart[run + 1], hi);
            yield return new Presence(_runHour[run], to - from, _runStart[run + 1] - _runStart[run], _environment[from]);
        }
    }

    /// <summary>The index of the first sample taken at or after (<paramref name="inclusive"/>) or after <paramref name="t"/>.</summary>
    private int LowerBound(DateTimeOffset t, bool inclusive)
    {
        int lo = 0, hi = _at.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (inclusive ? _at[mid] < t : _at[mid] <= t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>A version's presence in one hour: <see cref="Count"/> of the hour's <see cref="Samples"/> saw it.</summary>
    public readonly record struct Presence(long Hour, int Count, int Samples, string? Environment);
}
