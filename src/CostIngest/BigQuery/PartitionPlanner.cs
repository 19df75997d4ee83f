namespace Costs.CostIngest.BigQuery;

/// <summary>
/// What BigQuery reports for one export partition: its newest export_time, the usage days in it, and how many
/// of its rows have no usage_start_time (no usage day: they cannot be loaded, and are reported).
/// </summary>
public sealed record PartitionState(DateOnly PartitionDay, DateTimeOffset MaxExportTime, IReadOnlyList<DateOnly> UsageDays, long Rows,
    long RowsWithoutUsageStart = 0);

/// <summary>Why a run pulls what it pulls.</summary>
public enum PullReason
{
    /// <summary>The store has no partition state for this table: back-fill.</summary>
    Backfill,
    /// <summary>--since was given: every day from it through today.</summary>
    Since,
    /// <summary>Partitions whose newest export_time changed.</summary>
    Changed,
}

/// <summary>The usage days to re-pull, and the partition state to record once they are loaded.</summary>
public sealed record PullPlan(PullReason Reason, IReadOnlyList<DateOnly> UsageDays, IReadOnlyList<PartitionState> ChangedPartitions);

/// <summary>Decides which usage days a run re-pulls. Pure: no clock, no store.</summary>
public static class PartitionPlanner
{
    /// <summary>
    /// The first partition day a run checks: <paramref name="checkDays"/> partitions ending today.
    /// </summary>
    public static DateOnly CheckStart(DateOnly today, int checkDays) => today.AddDays(-(checkDays - 1));

    public static DateOnly BackfillStart(DateOnly today, int months) => new DateOnly(today.Year, today.Month, 1).AddMonths(-months);

    public static PullPlan Plan(IReadOnlyList<PartitionState> observed, IReadOnlyDictionary<DateOnly, DateTimeOffset> stored,
        DateOnly today, int backfillMonths, DateOnly? since)
    {
        var changed = observed
            .Where(p => !stored.TryGetValue(p.PartitionDay, out var seen) || seen != p.MaxExportTime)
            .OrderBy(p => p.PartitionDay)
            .ToList();
        if (since is { } s)
            return new PullPlan(PullReason.Since, Days(s, today), changed);
        if (stored.Count == 0)
            return new PullPlan(PullReason.Backfill, Days(BackfillStart(today, backfillMonths), today), changed);
        var days = changed.SelectMany(p => p.UsageDays).Distinct().Order().ToList();
        return new PullPlan(PullReason.Changed, days, changed);
    }

    private static List<DateOnly> Days(DateOnly from, DateOnly toInclusive)
    {
        var list = new List<DateOnly>();
        for (var d = from; d <= toInclusive; d = d.AddDays(1)) list.Add(d);
        return list;
    }
}
