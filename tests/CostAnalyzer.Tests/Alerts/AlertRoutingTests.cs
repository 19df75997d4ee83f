using Costs.CostAnalyzer.Alerts;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Tests.Alerts;

public sealed class AlertRoutingTests
{
    private static Alert A(string? team, string? env) => new()
    {
        Key = $"k:{team}:{env}", Kind = AlertKind.Anomaly, Severity = AlertSeverity.Info, Title = "t", What = "w", HowMuch = "h",
        ComparedWith = "c", Action = "a", Currency = Currency.Usd, Team = team, Environment = env,
    };

    private static readonly List<RouteOptions> Routes =
    [
        new() { Team = "payments", Channel = "payments-slack" },
        new() { Team = "payments", Environment = "production", Channel = "payments-oncall" },
        new() { Environment = "production", Channel = "prod-teams" },
        new() { Channel = "platform" },
    ];

    [Theory]
    [InlineData("payments", "production", "payments-slack,payments-oncall,prod-teams,platform")]
    [InlineData("payments", "staging", "payments-slack,platform")]
    [InlineData(null, "production", "prod-teams,platform")]
    [InlineData(null, null, "platform")]
    public void Route_TeamAndEnvironment_MatchingChannels(string? team, string? env, string expected) =>
        Assert.Equal(expected, string.Join(",", AlertRouting.Route([A(team, env)], Routes).Single().Channels));

    [Fact]
    public void Route_NoMatchingRoute_KeptWithNoChannel()
    {
        var routed = AlertRouting.Route([A("search", null)], [new RouteOptions { Team = "payments", Channel = "x" }]);
        Assert.Empty(Assert.Single(routed).Channels);
    }
}
