namespace Costs.CostModel.Time;

/// <summary>A half-open range of days: <see cref="Start"/> is in it, <see cref="EndExclusive"/> is not.</summary>
public readonly record struct DateRange
{
    public DateOnly Start { get; }
    public DateOnly EndExclusive { get; }

    public DateRange(DateOnly start, DateOnly endExclusive)
    {
        if (endExclusive < start)
            throw new ArgumentException($"Range end {endExclusive:yyyy-MM-dd} is before its start {start:yyyy-MM-dd}.");
        Start = start;
        EndExclusive = endExclusive;
    }

    public static DateRange Everything { get; } = new(DateOnly.MinValue, DateOnly.MaxValue);

    /// <summary>From <paramref name="from"/> through <paramref name="toInclusive"/>, either end open when null.</summary>
    public static DateRange Between(DateOnly? from, DateOnly? toInclusive) =>
        new(from ?? DateOnly.MinValue, toInclusive is { } t && t < DateOnly.MaxValue ? t.AddDays(1) : DateOnly.MaxValue);

    public bool Contains(DateOnly day) => day >= Start && day < EndExclusive;

    public int Days => EndExclusive.DayNumber - Start.DayNumber;

    public DateOnly LastDay => EndExclusive.AddDays(-1);

    public static DateRange Month(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        return new DateRange(start, start.AddMonths(1));
    }

    public override string ToString() => $"[{Start:yyyy-MM-dd}, {EndExclusive:yyyy-MM-dd})";
}
