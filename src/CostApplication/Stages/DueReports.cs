using System.Globalization;
using Costs.CostApplication.Settings;

namespace Costs.CostApplication.Stages;

/// <summary>A report schedule's slot that is due: the schedule, its team (null: the full report), and the cron fire time it stands for.</summary>
public sealed record DueReport(string Name, string? Team, DateTimeOffset Slot)
{
    /// <summary>The ledger slot: the schedule's name and the fire time, e.g. <c>daily@2026-11-21T06:30Z</c>.</summary>
    public string SlotKey => $"{Name}@{Slot.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)}Z";
}

/// <summary>Which scheduled reports are due at a moment (Quartz cron, UTC).</summary>
public static class DueReports
{
    /// <summary>
    /// For each report schedule, its latest cron slot at or before <paramref name="now"/> within the
    /// last 40 days (a monthly report's slot is found; an older one is not due any more). The search
    /// widens from a minute to 40 days, so a cron that fires every second costs no more than a daily one.
    /// </summary>
    public static IReadOnlyList<DueReport> Now(ScheduleOptions schedules, DateTimeOffset now)
    {
        var due = new List<DueReport>();
        foreach (var r in schedules.Reports)
        {
            var cron = Quartz.CronExpression.Parse(r.Cron).WithTimeZone(TimeZoneInfo.Utc);
            if (LatestSlot(cron, now) is { } slot) due.Add(new DueReport(r.Name, string.IsNullOrEmpty(r.Team) ? null : r.Team, slot));
        }
        return due;
    }

    internal static DateTimeOffset? LatestSlot(Quartz.CronExpression cron, DateTimeOffset now)
    {
        foreach (var lookback in new[] { TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(40) })
        {
            DateTimeOffset? latest = null;
            var t = cron.GetNextValidTimeAfter(now - lookback - TimeSpan.FromSeconds(1));
            for (var i = 0; t is { } at && at <= now && i < 100_000; i++)
            {
                latest = at;
                t = cron.GetNextValidTimeAfter(at);
            }
            if (latest is not null) return latest;
        }
        return null;
    }
}
