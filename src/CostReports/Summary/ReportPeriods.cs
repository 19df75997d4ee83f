using Costs.CostModel.Time;

namespace Costs.CostReports.Summary;

/// <summary>
/// The periods a report compares, all half-open. <see cref="MonthToDate"/> runs from the first of the month of
/// "as of" through "as of"; <see cref="LastMonthSamePeriod"/> covers the same days of the month before (cut at
/// that month's end, so 31 March compares with all of February); <see cref="LastMonth"/> is that whole month.
/// </summary>
public sealed record ReportPeriods(DateOnly AsOf, DateRange MonthToDate, DateRange LastMonthSamePeriod, DateRange LastMonth)
{
    public static ReportPeriods For(DateOnly asOf)
    {
        var monthStart = new DateOnly(asOf.Year, asOf.Month, 1);
        var lastStart = monthStart.AddMonths(-1);
        var lastMonth = new DateRange(lastStart, monthStart);
        var sameDays = Math.Min(asOf.Day, lastMonth.Days);
        return new ReportPeriods(
            asOf,
            new DateRange(monthStart, asOf.AddDays(1)),
            new DateRange(lastStart, lastStart.AddDays(sameDays)),
            lastMonth);
    }
}
