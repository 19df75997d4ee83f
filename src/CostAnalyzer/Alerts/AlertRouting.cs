namespace Costs.CostAnalyzer.Alerts;

/// <summary>An alert and the channels it goes to (none when no route matched: reported, never dropped).</summary>
public sealed record RoutedAlert(Alert Alert, IReadOnlyList<string> Channels);

/// <summary>
/// Routes alerts to channels. A route matches an alert when each of its fields is empty or equals the
/// alert's (team, environment); a route with a team never matches an alert that names no team. An
/// alert goes to every matching route's channel, each channel once, in the order of the routes.
/// </summary>
public static class AlertRouting
{
    public static IReadOnlyList<RoutedAlert> Route(IReadOnlyList<Alert> alerts, IReadOnlyList<RouteOptions> routes) =>
        alerts.Select(a => new RoutedAlert(a, routes
            .Where(r => Matches(r.Team, a.Team) && Matches(r.Environment, a.Environment))
            .Select(r => r.Channel).Distinct(StringComparer.Ordinal).ToList())).ToList();

    private static bool Matches(string? wanted, string? actual) =>
        string.IsNullOrEmpty(wanted) || string.Equals(wanted, actual, StringComparison.Ordinal);
}
