using Costs.CostAnalyzer.Alerts;
using Costs.CostModel.Allocation;
using static Costs.CostAnalyzer.Tests.Alerts.Rows;

namespace Costs.CostAnalyzer.Tests.Alerts;

public sealed class UnallocatedAlertsTests
{
    [Fact]
    public void Share_AboveThreshold_AlertsWithLargestProjects()
    {
        // 80 allocated + 20 unallocated a day: 20% unallocated, threshold 10%.
        var rows = Daily(D("2026-11-01"), D("2026-11-05"), _ => 80m)
            .Concat(Daily(D("2026-11-01"), D("2026-11-05"), _ => 20m, kind: CostKind.Unallocated, project: "data-lake")).ToList();
        var a = Assert.Single(AlertDetector.Detect(rows, D("2026-11-05"), new AlertOptions { UnallocatedShareThreshold = 10m }).Alerts,
            a => a.Kind == AlertKind.UnallocatedShare);
        Assert.Equal("unallocated-share:2026-11", a.Key);
        Assert.Contains("20%", a.Title);
        Assert.Contains("$100.00 unallocated of $500.00", a.HowMuch);
        Assert.Contains("data-lake", a.Action);
    }

    [Fact]
    public void Share_BelowThreshold_NoAlert()
    {
        var rows = Daily(D("2026-11-01"), D("2026-11-05"), _ => 95m)
            .Concat(Daily(D("2026-11-01"), D("2026-11-05"), _ => 5m, kind: CostKind.Unallocated)).ToList();
        Assert.DoesNotContain(AlertDetector.Detect(rows, D("2026-11-05"), new AlertOptions()).Alerts, a => a.Kind == AlertKind.UnallocatedShare);
    }

    [Fact]
    public void NewUnlabelled_ProjectAppearsRecently_OneAlertKeyedByFirstDay()
    {
        var rows = Daily(D("2026-10-01"), D("2026-11-20"), _ => 1000m)
            .Concat(Daily(D("2026-11-19"), D("2026-11-20"), _ => 30m, kind: CostKind.Unallocated, project: "ml-sandbox", sku: "Nvidia L4 GPU")).ToList();
        var a = Assert.Single(AlertDetector.Detect(rows, D("2026-11-20"), new AlertOptions { NewUnlabelledDays = 3 }).Alerts,
            a => a.Kind == AlertKind.NewUnlabelled);
        Assert.Equal("new-unlabelled:project=ml-sandbox:2026-11-19", a.Key);
        Assert.Contains("$60.00", a.HowMuch);
        Assert.Contains("Nvidia L4 GPU", a.Action);
    }

    [Fact]
    public void NewUnlabelled_NewSkuInKnownProject_AlertsOnSku()
    {
        var rows = Daily(D("2026-10-01"), D("2026-11-20"), _ => 10m, kind: CostKind.Unallocated, project: "legacy", sku: "Storage")
            .Concat(Daily(D("2026-11-20"), D("2026-11-20"), _ => 25m, kind: CostKind.Unallocated, project: "legacy", sku: "Cloud SQL")).ToList();
        var alerts = AlertDetector.Detect(rows, D("2026-11-20"), new AlertOptions { UnallocatedShareThreshold = 100m }).Alerts;
        var a = Assert.Single(alerts, a => a.Kind == AlertKind.NewUnlabelled);
        Assert.Equal("new-unlabelled:sku=Cloud SQL:2026-11-20", a.Key);
    }

    [Fact]
    public void NewUnlabelled_DataYoungerThanWindow_NoAlert()
    {
        var rows = Daily(D("2026-11-19"), D("2026-11-20"), _ => 30m, kind: CostKind.Unallocated).ToList();
        Assert.DoesNotContain(AlertDetector.Detect(rows, D("2026-11-20"), new AlertOptions()).Alerts, a => a.Kind == AlertKind.NewUnlabelled);
    }
}
