using Costs.CostAnalyzer.Alerts;
using static Costs.CostAnalyzer.Tests.Alerts.Rows;

namespace Costs.CostAnalyzer.Tests.Alerts;

public sealed class BudgetAlertsTests
{
    private static AlertOptions Options(decimal monthly, params decimal[] thresholds) => new()
    {
        Budgets = [new BudgetOptions { Scope = "team", Name = "payments", Monthly = monthly, Thresholds = [.. thresholds] }],
    };

    // November 2026 has 30 days. payments spends 100 a day from Nov 1; as of Nov 20 that is 2,000 MTD,
    // and the forecast is 2,000 + 100 × 10 = 3,000.
    [Fact]
    public void Detect_ActualPast90_OneAlertAtHighestThreshold()
    {
        var rows = Daily(D("2026-11-01"), D("2026-11-20"), _ => 100m).ToList();
        var result = AlertDetector.Detect(rows, D("2026-11-20"), Options(2100m, 50, 90, 100));
        var budget = Assert.Single(result.Alerts, a => a.Kind == AlertKind.Budget);
        Assert.Equal("budget:team=payments:2026-11:90", budget.Key);
        Assert.Equal(AlertSeverity.Warning, budget.Severity);
        Assert.Equal("payments", budget.Team);
        Assert.Contains("$2,000.00", budget.HowMuch);
        Assert.Contains("$2,100.00", budget.ComparedWith);
        var forecast = Assert.Single(result.Alerts, a => a.Kind == AlertKind.BudgetForecast);
        Assert.Equal("budget-forecast:team=payments:2026-11:100", forecast.Key);
        Assert.Contains("$3,000.00", forecast.HowMuch);
    }

    [Fact]
    public void Detect_UnderAllThresholds_NoBudgetAlert()
    {
        var rows = Daily(D("2026-11-01"), D("2026-11-10"), _ => 10m).ToList();
        var result = AlertDetector.Detect(rows, D("2026-11-10"), Options(10_000m, 50, 90, 100));
        Assert.DoesNotContain(result.Alerts, a => a.Kind is AlertKind.Budget or AlertKind.BudgetForecast);
    }

    [Fact]
    public void Detect_OverBudget_Critical()
    {
        var rows = Daily(D("2026-11-01"), D("2026-11-05"), _ => 300m).ToList();
        var result = AlertDetector.Detect(rows, D("2026-11-05"), Options(1000m, 50, 90, 100));
        var a = Assert.Single(result.Alerts, a => a.Kind == AlertKind.Budget);
        Assert.Equal("budget:team=payments:2026-11:100", a.Key);
        Assert.Equal(AlertSeverity.Critical, a.Severity);
        Assert.DoesNotContain(result.Alerts, a => a.Kind == AlertKind.BudgetForecast);
    }

    [Fact]
    public void Detect_SpendLastMonth_NotCountedInThisMonth()
    {
        var rows = Daily(D("2026-10-20"), D("2026-11-02"), d => d.Month == 10 ? 1000m : 1m).ToList();
        var result = AlertDetector.Detect(rows, D("2026-11-02"), Options(1000m, 50));
        Assert.DoesNotContain(result.Alerts, a => a.Kind == AlertKind.Budget);
    }

    [Fact]
    public void Detect_ServiceBudget_RoutedToTeamThatSpendsMost()
    {
        var rows = Daily(D("2026-11-01"), D("2026-11-03"), _ => 100m, service: "search", team: "discovery").ToList();
        var options = new AlertOptions { Budgets = [new BudgetOptions { Scope = "service", Name = "search", Monthly = 200m, Thresholds = [100] }] };
        var a = Assert.Single(AlertDetector.Detect(rows, D("2026-11-03"), options).Alerts, a => a.Kind == AlertKind.Budget);
        Assert.Equal("budget:service=search:2026-11:100", a.Key);
        Assert.Equal("discovery", a.Team);
    }

    [Fact]
    public void Detect_SameInput_SameKeys()
    {
        var rows = Daily(D("2026-11-01"), D("2026-11-20"), _ => 100m).ToList();
        var a = AlertDetector.Detect(rows, D("2026-11-20"), Options(2100m, 50, 90, 100)).Alerts.Select(x => x.Key);
        var b = AlertDetector.Detect(rows.AsEnumerable().Reverse().ToList(), D("2026-11-20"), Options(2100m, 50, 90, 100)).Alerts.Select(x => x.Key);
        Assert.Equal(a, b);
    }
}
