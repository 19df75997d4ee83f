namespace Costs.CostAnalyzer.Commitments;

/// <summary>
/// What the advisor learns about one pool before sizing: its two windows (the lookback, and the recent
/// window of the guard), its history, its trend, and how far each term's level is lowered for a falling
/// trend.
/// <para>
/// The lowering: if usage falls linearly by s a day, a term of D days sees usage fall by s·D, and the
/// cheapest commitment for that term is the one still used for a share 1 − d of it, which is s·D·(1 − d)
/// below today's level. Every hour of the window is lowered by that much (rounded to the grid) before the
/// term is sized; the 3-year term is never lowered less than the 1-year term.
/// </para>
/// </summary>
internal sealed class PoolStudy
{
    private readonly Dictionary<(SizingWindow, CommitmentTerm), decimal[]> _series = [];

    public PoolStudy(CommitmentPool pool, PoolPrices prices, CommitmentOptions options)
    {
        (Pool, Prices, Options) = (pool, prices, options);
        Lookback = Tail(pool.Hours, options.LookbackHours);
        Recent = Tail(pool.Hours, options.RecentHours);
        Trend = UsageTrend.Fit(Lookback);
        HasUsage = Lookback.Any(u => u > 0m);
        var seen = FirstUsed(pool);
        var first = pool.FirstUsage is { } known && (seen is null || known < seen) ? known : seen;
        History = first is { } f && f < pool.End ? pool.End - f : TimeSpan.Zero;
        Falling = Trend.Change <= -options.TrendThreshold;
        Growing = Trend.Change >= options.TrendThreshold;
        var one = Falling ? RoundUsage(-Trend.PerDay * CommitmentTerm.OneYear.Days() * prices.BreakEven(CommitmentTerm.OneYear)) : 0m;
        var three = Falling ? RoundUsage(-Trend.PerDay * CommitmentTerm.ThreeYear.Days() * prices.BreakEven(CommitmentTerm.ThreeYear)) : 0m;
        LoweringOneYear = one;
        LoweringThreeYear = Math.Max(one, three);
    }

    public CommitmentPool Pool { get; }
    public PoolPrices Prices { get; }
    public CommitmentOptions Options { get; }
    public IReadOnlyList<decimal> Lookback { get; }
    public IReadOnlyList<decimal> Recent { get; }
    public UsageTrend Trend { get; }
    public bool HasUsage { get; }
    public TimeSpan History { get; }
    public bool EnoughHistory => History >= Options.MinimumHistory;
    public bool Falling { get; }
    public bool Growing { get; }
    public decimal LoweringOneYear { get; }
    public decimal LoweringThreeYear { get; }

    /// <summary>How far usage is lowered for <paramref name="term"/>, in usage units.</summary>
    public decimal Lowering(CommitmentTerm term) => term == CommitmentTerm.OneYear ? LoweringOneYear : LoweringThreeYear;

    /// <summary>The hours a term is sized on in a window: usage lowered for the trend, never below 0.</summary>
    public decimal[] Series(SizingWindow window, CommitmentTerm term)
    {
        if (_series.TryGetValue((window, term), out var cached)) return cached;
        var source = window == SizingWindow.Lookback ? Lookback : Recent;
        var lowering = Lowering(term);
        var series = source.Select(u => Math.Max(0m, u - lowering)).ToArray();
        _series[(window, term)] = series;
        return series;
    }

    /// <summary>The usage that <paramref name="level"/> of <paramref name="term"/> covers: level ÷ (commitment per usage unit).</summary>
    public decimal Covers(CommitmentTerm term, decimal level)
    {
        var k = Prices.Of(term).LevelPerUsage;
        return k == 1m ? level : level / k;
    }

    private decimal RoundUsage(decimal usage)
    {
        var grid = Pool.Grid;
        return Math.Round(usage / grid, MidpointRounding.AwayFromZero) * grid;
    }

    private static decimal[] Tail(IReadOnlyList<decimal> hours, int count) =>
        hours.Skip(Math.Max(0, hours.Count - count)).ToArray();

    private static DateTimeOffset? FirstUsed(CommitmentPool pool)
    {
        for (var h = 0; h < pool.Hours.Count; h++)
        {
            if (pool.Hours[h] > 0m) return pool.Start.AddHours(h);
        }
        return null;
    }
}
