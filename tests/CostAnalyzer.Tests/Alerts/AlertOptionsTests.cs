using Costs.CostAnalyzer.Alerts;

namespace Costs.CostAnalyzer.Tests.Alerts;

public sealed class AlertOptionsTests
{
    [Fact]
    public void Validate_Defaults_Valid() => Assert.Empty(new AlertOptions().Validate());

    [Fact]
    public void Validate_BadValues_NamesEachPath()
    {
        var options = new AlertOptions
        {
            Budgets = [new BudgetOptions { Scope = "squad", Name = "", Monthly = -1m, Thresholds = [0m] }],
            Anomaly = new AnomalyOptions { LookbackWeeks = 1, Sensitivity = 0m },
            UnallocatedShareThreshold = 150m,
            Channels = [new ChannelOptions { Name = "ops", Kind = "discord", UrlSecret = "" }],
            Routes = [new RouteOptions { Team = "payments", Channel = "nowhere" }],
        };
        var errors = options.Validate();
        foreach (var path in new[]
                 {
                     "Alerts:Budgets:0:Scope", "Alerts:Budgets:0:Name", "Alerts:Budgets:0:Monthly", "Alerts:Budgets:0:Thresholds:0",
                     "Alerts:Anomaly:LookbackWeeks", "Alerts:Anomaly:Sensitivity", "Alerts:UnallocatedShareThreshold",
                     "Alerts:Channels:0:Kind", "Alerts:Channels:0:UrlSecret", "Alerts:Routes:0:Channel",
                 })
            Assert.Contains(errors, e => e.StartsWith(path + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Detect_InvalidOptions_Throws() =>
        Assert.Throws<ArgumentException>(() => AlertDetector.Detect([], new DateOnly(2026, 11, 1), new AlertOptions { NewUnlabelledDays = 0 }));
}
