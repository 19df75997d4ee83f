using Costs.CostAnalyzer.Alerts;
using static Costs.CostAnalyzer.Tests.Alerts.Rows;

namespace Costs.CostAnalyzer.Tests.Alerts;

public sealed class CommitmentAlertsTests
{
    // A 1-year CUD (37% off) with a fee of 63 a day buys 100 a day of on-demand value. Used fully, the
    // covered usage gets -100 a day of credits; used half, -50.
    private static List<Costs.CostModel.Allocation.AllocationRow> Month(decimal creditsPerDay) =>
    [
        .. Daily(D("2026-11-01"), D("2026-11-10"), _ => 63m, service: null, team: null, sku: "Commitment v1: Cpu in Europe for 1 Year"),
        .. Enumerable.Range(0, 10).Select(i => Row(D("2026-11-01").AddDays(i), 150m + creditsPerDay, credits: creditsPerDay)),
    ];

    [Fact]
    public void Detect_HalfUsed_AlertsWithUnusedFees()
    {
        var a = Assert.Single(AlertDetector.Detect(Month(-50m), D("2026-11-10"), new AlertOptions { CommitmentUtilisationThreshold = 80m }).Alerts,
            a => a.Kind == AlertKind.CommitmentUtilisation);
        Assert.Equal("commitment-utilisation:service=Compute Engine,region=europe-west1:2026-11", a.Key);
        Assert.Contains("50%", a.Title);
        Assert.Contains("$630.00 of commitment fees, about $315.00 of it unused", a.HowMuch);
    }

    [Theory]
    [InlineData(-50, AlertSeverity.Warning, "below break-even")] // 50% used, under the 63% break-even of a 37% discount
    [InlineData(-70, AlertSeverity.Info, "70% used")]            // 70% used: pays off, but under the 80% threshold
    public void Detect_UsedBelowThreshold_WarningOnlyBelowBreakEven(int creditsPerDay, AlertSeverity severity, string title)
    {
        var a = Assert.Single(AlertDetector.Detect(Month(creditsPerDay), D("2026-11-10"), new AlertOptions { CommitmentUtilisationThreshold = 80m }).Alerts,
            a => a.Kind == AlertKind.CommitmentUtilisation);
        Assert.Equal(severity, a.Severity);
        Assert.Contains(title, a.Title);
        Assert.Contains("break-even 63%", a.ComparedWith);
    }

    [Fact]
    public void Detect_FullyUsed_NoAlert() =>
        Assert.DoesNotContain(AlertDetector.Detect(Month(-100m), D("2026-11-10"), new AlertOptions()).Alerts,
            a => a.Kind == AlertKind.CommitmentUtilisation);

    [Fact]
    public void Detect_NoCommitments_NoAlert()
    {
        var rows = Daily(D("2026-11-01"), D("2026-11-10"), _ => 100m).ToList();
        Assert.DoesNotContain(AlertDetector.Detect(rows, D("2026-11-10"), new AlertOptions()).Alerts, a => a.Kind == AlertKind.CommitmentUtilisation);
    }
}
