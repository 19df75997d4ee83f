using Costs.CostAnalyzer.Alerts;
using FsCheck;
using FsCheck.Fluent;
using static Costs.CostAnalyzer.Tests.Alerts.Rows;

namespace Costs.CostAnalyzer.Tests.Alerts;

public sealed class AnomalyAlertsTests
{
    // checkout/production costs 100 on weekdays and 40 on weekends, for five weeks (Oct 19 - Nov 22, 2026).
    // Friday Nov 20 is the day under test; its baseline is Fridays Oct 23, 30, Nov 6, 13 (all 100).
    private static List<Costs.CostModel.Allocation.AllocationRow> Weekly(decimal friday20) =>
        Daily(D("2026-10-19"), D("2026-11-20"), d => d == D("2026-11-20") ? friday20
            : d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 40m : 100m).ToList();

    private static AlertOptions Options(decimal minChange = 50m) => new() { Anomaly = new AnomalyOptions { MinAbsoluteChange = minChange, Sensitivity = 3m, LookbackWeeks = 4, RecentDays = 1 } };

    [Fact]
    public void Detect_OneDaySpike_AlertsWithStableKey()
    {
        var result = AlertDetector.Detect(Weekly(500m), D("2026-11-20"), Options());
        var a = Assert.Single(result.Alerts, a => a.Kind == AlertKind.Anomaly);
        Assert.Equal("anomaly:service=checkout,environment=production:2026-11-20", a.Key);
        Assert.Equal(AlertSeverity.Critical, a.Severity);
        Assert.Contains("$500.00", a.HowMuch);
        Assert.Contains("$100.00", a.ComparedWith);
        Assert.Equal("payments", a.Team);
        Assert.Equal("production", a.Environment);
    }

    [Fact]
    public void Detect_ChangeBelowMinimum_NoAlert()
    {
        var result = AlertDetector.Detect(Weekly(140m), D("2026-11-20"), Options(minChange: 50m));
        Assert.DoesNotContain(result.Alerts, a => a.Kind == AlertKind.Anomaly);
    }

    [Fact]
    public void Detect_WeekendDrop_IsNotAnAnomaly()
    {
        // Saturday Nov 21 costs 40 like every Saturday, although Friday cost 100.
        var rows = Daily(D("2026-10-19"), D("2026-11-21"), d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 40m : 100m).ToList();
        var result = AlertDetector.Detect(rows, D("2026-11-21"), Options(minChange: 10m));
        Assert.DoesNotContain(result.Alerts, a => a.Kind == AlertKind.Anomaly);
    }

    [Fact]
    public void Detect_SpikeInLookback_DoesNotHideToday()
    {
        // An earlier spike on Friday Nov 6 does not move the median, so today's spike still shows.
        var rows = Weekly(500m).Select(r => r.Day == D("2026-11-06") ? Row(r.Day, 900m) : r).ToList();
        Assert.Single(AlertDetector.Detect(rows, D("2026-11-20"), Options()).Alerts, a => a.Kind == AlertKind.Anomaly);
    }

    [Fact]
    public void Detect_TooLittleHistory_NoAlert()
    {
        var rows = Daily(D("2026-11-10"), D("2026-11-20"), d => d == D("2026-11-20") ? 900m : 100m).ToList();
        Assert.DoesNotContain(AlertDetector.Detect(rows, D("2026-11-20"), Options()).Alerts, a => a.Kind == AlertKind.Anomaly);
    }

    [Fact]
    public void Detect_SteadySpend_NeverAnAnomaly() =>
        Prop.ForAll(Gen.Choose(1, 100_000).ToArbitrary(), cents =>
        {
            var amount = cents / 100m;
            var rows = Daily(D("2026-10-01"), D("2026-11-20"), _ => amount).ToList();
            return !AlertDetector.Detect(rows, D("2026-11-20"), new AlertOptions { Anomaly = new AnomalyOptions { MinAbsoluteChange = 0m } })
                .Alerts.Any(a => a.Kind == AlertKind.Anomaly);
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 5.0 }, 5.0)]
    public void Median_Values_Middle(double[] values, double expected) =>
        Assert.Equal((decimal)expected, AnomalyAlerts.Median(values.Select(v => (decimal)v).ToList()));
}
