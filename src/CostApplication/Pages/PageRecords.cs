using Costs.CostModel.Time;
using Costs.CostReports.Summary;

namespace Costs.CostApplication.Pages;

/// <summary>
/// The days a page shows, as of the last billed day: the report's periods (month to date, the same days of
/// last month, the whole of last month) and the chart's last 90 days.
/// </summary>
public sealed record PagePeriods(ReportPeriods Report, DateRange Chart)
{
    public const int ChartDays = 90;

    public DateOnly AsOf => Report.AsOf;

    public static PagePeriods For(DateOnly asOf) => new(ReportPeriods.For(asOf), new DateRange(asOf.AddDays(1 - ChartDays), asOf.AddDays(1)));

    /// <summary>Every day a page reads: the chart's and last month's.</summary>
    public DateRange Loaded => new(Chart.Start < Report.LastMonth.Start ? Chart.Start : Report.LastMonth.Start, Report.MonthToDate.EndExclusive);
}

/// <summary>
/// Net month to date, over the same days of last month and over the whole of last month; <see cref="Change"/>
/// is month to date against those same days, as a fraction (null when they cost nothing).
/// </summary>
public sealed record PeriodNet(decimal MonthToDate, decimal LastMonthSameDays, decimal LastMonth)
{
    public decimal? Change => LastMonthSameDays == 0m ? null : (MonthToDate - LastMonthSameDays) / LastMonthSameDays;
}

/// <summary>
/// One line of the index: a service as `costs query --by service` names it. Unallocated, idle and overhead
/// cost are lines too (<see cref="IsService"/> false), so that the lines add up to the bill.
/// </summary>
public sealed record ServiceLine(string Name, bool IsService, PeriodNet Net);

/// <summary>The index: every service's figures, biggest month to date first, and the total (the bill's).</summary>
public sealed record ServiceIndex(string Currency, PagePeriods Periods, IReadOnlyList<ServiceLine> Services, PeriodNet Total);

/// <summary>One day's net of a service (zero on a day it cost nothing).</summary>
public sealed record DayNet(DateOnly Day, decimal Net);

/// <summary>One item of a split of a service's cost (an environment, a cluster, a SKU, a team); a null name is "not set".</summary>
public sealed record SplitLine(string? Name, PeriodNet Net);

/// <summary>
/// Cost that misses labels: its project, cloud service and SKU, why (the labels that were looked for and
/// absent), its net month to date and over the chart's 90 days.
/// </summary>
public sealed record MissingLabelLine(string? Project, string CloudService, string Sku, string Why, decimal MonthToDate, decimal Net90Days);

/// <summary>A change to one of the service's workloads, with what it saves a month and why.</summary>
public sealed record WorkloadAdvice(string Cluster, string Namespace, string Workload, string Action, decimal MonthlySavings, string Reason);

/// <summary>
/// Everything a service's page shows. <see cref="Daily"/> has one entry per day of the chart from the store's first billed day. The splits are
/// month to date against the same days of last month. <see cref="MissingLabels"/> are the service's own lines
/// with a team or environment label missing; <see cref="UnallocatedNearby"/> the unallocated lines of the
/// projects the service runs in, with the labels they miss. <see cref="Workloads"/> are its cluster
/// workloads month to date (used ÷ requested); <see cref="Advice"/> the rightsizing of those workloads.
/// </summary>
public sealed record ServicePage(
    string Service,
    string Currency,
    PagePeriods Periods,
    PeriodNet Net,
    IReadOnlyList<DayNet> Daily,
    IReadOnlyList<SplitLine> ByEnvironment,
    IReadOnlyList<SplitLine> ByCluster,
    IReadOnlyList<SplitLine> BySku,
    IReadOnlyList<SplitLine> ByTeam,
    IReadOnlyList<MissingLabelLine> MissingLabels,
    IReadOnlyList<MissingLabelLine> UnallocatedNearby,
    IReadOnlyList<WorkloadLine> Workloads,
    IReadOnlyList<WorkloadAdvice> Advice,
    IReadOnlyList<string> AdviceNotes);
