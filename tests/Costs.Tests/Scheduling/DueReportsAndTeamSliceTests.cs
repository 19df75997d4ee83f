using Costs.Cli.Verbs;
using Costs.CostModel.Money;
using Costs.CostReports.Workbook;
using Costs.CostApplication.Reports;
using Costs.CostApplication.Settings;
using Costs.CostApplication.Stages;
using Costs.Tests.Cli.Verbs;

namespace Costs.Tests.Scheduling;

public sealed class DueReportsAndTeamSliceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 7, 0, 30, TimeSpan.Zero);

    [Theory]
    [InlineData("0 30 6 * * ?", "2026-11-21T06:30:00Z")]        // daily, slot earlier today
    [InlineData("0 30 7 * * ?", "2026-11-20T07:30:00Z")]        // daily, today's slot not yet come
    [InlineData("* * * * * ?", "2026-11-21T07:00:30Z")]         // every second: this second
    [InlineData("0 0 7 ? * MON", "2026-11-16T07:00:00Z")]       // weekly, Monday
    [InlineData("0 0 6 1 * ?", "2026-11-01T06:00:00Z")]         // monthly
    public void LatestSlot_Cron_LatestFireTimeAtOrBeforeNow(string cron, string expected)
    {
        var slot = DueReports.LatestSlot(Quartz.CronExpression.Parse(cron).WithTimeZone(TimeZoneInfo.Utc), Now);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), slot);
    }

    [Fact]
    public void LatestSlot_OnlyInTheFuture_None() =>
        Assert.Null(DueReports.LatestSlot(Quartz.CronExpression.Parse("0 0 0 1 1 ? 2099"), Now));

    [Fact]
    public void DueNow_Schedules_SlotKeyNamesScheduleAndTime()
    {
        var schedules = new ScheduleOptions
        {
            Reports = [new ReportSchedule { Name = "daily", Cron = "0 30 6 * * ?" }, new ReportSchedule { Name = "pay", Cron = "0 0 7 ? * MON", Team = "payments" }],
        };
        var due = DueReports.Now(schedules, Now);
        Assert.Equal(["daily@2026-11-21T06:30Z", "pay@2026-11-16T07:00Z"], due.Select(d => d.SlotKey));
        Assert.Equal([null, "payments"], due.Select(d => d.Team));
    }

    [Fact]
    public void TeamSlice_TwoTeams_OnlyTheTeamsRowsAndBilledIsTheirSum()
    {
        var rows = CliRun.SpikeRows().Concat(CliRun.SpikeRows().Select(r => r with { Dimensions = r.Dimensions with { Team = "search", Service = "search-api" }, Cost = 7m })).ToList();
        var billed = rows.GroupBy(r => (r.Day, r.Currency, r.InvoiceMonth))
            .Select(g => new Costs.CostModel.Allocation.BilledDay(g.Key.Day, g.Key.Currency, g.Key.InvoiceMonth, g.Sum(r => r.Cost), 0m)).ToList();
        var input = new ReportInput(rows, billed, new DateOnly(2026, 11, 20), Currency.Usd, "Costs report");

        var slice = MailReport.TeamSlice(input, "search", "Costs report");

        Assert.All(slice.Allocations, r => Assert.Equal("search", r.Dimensions.Team));
        Assert.Equal(slice.Allocations.Sum(r => r.Net), slice.Billed.Sum(b => b.Net));
        Assert.Equal(7m * slice.Billed.Count, slice.Billed.Sum(b => b.Net));
        Assert.Equal("Costs report: team search", slice.Title);
        Assert.All(Costs.CostReports.Summary.Reconciliation.Compute(slice), l => Assert.Equal(0m, l.Difference));
    }

    [Fact]
    public void TeamSlice_UnknownTeam_ErrorNamesTheTeams()
    {
        var input = new ReportInput(CliRun.SpikeRows(), [], new DateOnly(2026, 11, 20), Currency.Usd, "t");
        var ex = Assert.Throws<StageException>(() => MailReport.TeamSlice(input, "nobody", "t"));
        Assert.Contains("'nobody'", ex.Message);
        Assert.Contains("payments", ex.Message);
    }
}
