using Costs.CostIngest.BigQuery;

namespace Costs.CostIngest.Tests.BigQuery;

public class PartitionPlannerTests
{
    private static readonly DateOnly Today = new(2026, 10, 20);
    private static readonly DateTimeOffset T0 = new(2026, 10, 20, 1, 0, 0, TimeSpan.Zero);

    private static PartitionState P(int day, DateTimeOffset t, params int[] usageDays) =>
        new(new DateOnly(2026, 10, day), t, usageDays.Select(d => new DateOnly(2026, 10, d)).ToList(), 1);

    [Fact]
    public void Plan_NoStoredState_BackfillsFromFirstOfMonthMonthsBack()
    {
        var plan = PartitionPlanner.Plan([P(20, T0, 20)], new Dictionary<DateOnly, DateTimeOffset>(), Today, 1, null);
        Assert.Equal(PullReason.Backfill, plan.Reason);
        Assert.Equal(new DateOnly(2026, 9, 1), plan.UsageDays[0]);
        Assert.Equal(Today, plan.UsageDays[^1]);
    }

    [Fact]
    public void Plan_ChangedPartitions_PullsTheirUsageDaysOnly()
    {
        var stored = new Dictionary<DateOnly, DateTimeOffset>
        {
            [new(2026, 10, 18)] = T0, [new(2026, 10, 19)] = T0, [new(2026, 10, 20)] = T0,
        };
        var observed = new[] { P(18, T0, 18), P(19, T0.AddHours(5), 17, 19), P(20, T0, 20) };
        var plan = PartitionPlanner.Plan(observed, stored, Today, 3, null);
        Assert.Equal(PullReason.Changed, plan.Reason);
        Assert.Equal([new DateOnly(2026, 10, 17), new DateOnly(2026, 10, 19)], plan.UsageDays);
        Assert.Equal([new DateOnly(2026, 10, 19)], plan.ChangedPartitions.Select(p => p.PartitionDay));
    }

    [Fact]
    public void Plan_NewPartition_Pulled()
    {
        var stored = new Dictionary<DateOnly, DateTimeOffset> { [new(2026, 10, 19)] = T0 };
        var plan = PartitionPlanner.Plan([P(19, T0, 19), P(20, T0, 20)], stored, Today, 3, null);
        Assert.Equal([Today], plan.UsageDays);
    }

    [Fact]
    public void Plan_Since_PullsEveryDayThroughToday()
    {
        var stored = new Dictionary<DateOnly, DateTimeOffset> { [new(2026, 10, 19)] = T0 };
        var plan = PartitionPlanner.Plan([P(19, T0, 19)], stored, Today, 3, new DateOnly(2026, 10, 17));
        Assert.Equal(PullReason.Since, plan.Reason);
        Assert.Equal(4, plan.UsageDays.Count);
    }
}
