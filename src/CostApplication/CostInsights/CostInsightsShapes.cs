using System.Text.Json.Serialization;

namespace Costs.CostApplication.CostInsights;

// The JSON shapes of the Backstage Cost Insights plugin's CostInsightsApi, as declared by
// @backstage/plugin-cost-insights 0.11.32 and @backstage/plugin-cost-insights-common 0.1.3 (their
// index.d.ts). Property names are set here so that the shapes serialize the same whatever the host's
// JSON options. Money is decimal, written as a JSON number of the currency, exactly.

/// <summary>The plugin's <c>DateAggregation</c>: one day (<c>YYYY-MM-DD</c>) and its net cost.</summary>
public sealed record DateAggregation(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("amount")] decimal Amount);

/// <summary>
/// The plugin's <c>ChangeStatistic</c>: the change from the previous period to the last one.
/// <see cref="Ratio"/> is (last − previous) ÷ previous, left out when the previous period cost nothing.
/// </summary>
public sealed record ChangeStatistic(
    [property: JsonPropertyName("ratio"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Ratio,
    [property: JsonPropertyName("amount")] decimal Amount);

/// <summary>
/// The plugin's <c>Trendline</c>: the least-squares line through the daily aggregation, with x the day's
/// UTC midnight in seconds since the Unix epoch (as the plugin's chart evaluates it: <c>slope × Date.parse(date) / 1000 + intercept</c>).
/// </summary>
public sealed record Trendline(
    [property: JsonPropertyName("slope")] double Slope,
    [property: JsonPropertyName("intercept")] double Intercept);

/// <summary>
/// The plugin's <c>Cost</c>: daily net cost over the requested intervals, the change between the last two
/// of them, the trend, and the same figures broken down by a few dimensions (each breakdown adds up to
/// the aggregation, day by day).
/// </summary>
public sealed record Cost(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("aggregation")] IReadOnlyList<DateAggregation> Aggregation,
    [property: JsonPropertyName("change"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChangeStatistic? Change,
    [property: JsonPropertyName("trendline")] Trendline Trendline,
    [property: JsonPropertyName("groupedCosts"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, IReadOnlyList<Cost>>? GroupedCosts);

/// <summary>
/// The plugin's <c>Entity</c>: net cost in the previous and the last period (<see cref="Aggregation"/> is
/// that pair), their change, and sub-entities by kind ("service", then "sku" and "environment"). A null
/// <see cref="Id"/> is cost without attribution.
/// </summary>
public sealed record Entity(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("aggregation")] IReadOnlyList<decimal> Aggregation,
    [property: JsonPropertyName("change")] ChangeStatistic Change,
    [property: JsonPropertyName("entities")] IReadOnlyDictionary<string, IReadOnlyList<Entity>> Entities);

/// <summary>The plugin's <c>Group</c>: a team.</summary>
public sealed record Group(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null);

/// <summary>The plugin's <c>Project</c>: a Google Cloud project.</summary>
public sealed record Project(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null);

/// <summary>The plugin's <c>Product</c> (from its app-config): a kind such as <c>computeEngine</c> and a display name.</summary>
public sealed record Product(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("name")] string Name);

/// <summary>
/// The plugin's <c>ProductInsightsOptions</c>, parsed: the product kind, the group (team), the intervals
/// and, optionally, one project.
/// </summary>
public sealed record ProductInsightsOptions(string Product, string Group, RepeatingInterval Intervals, string? Project);

/// <summary>
/// The data part of the plugin's <c>Alert</c> (its title and subtitle; the plugin's hooks and forms are
/// the client's), with what Costs knows besides: the alert's stable key, kind and severity, how much,
/// compared with what, and what to do.
/// </summary>
public sealed record CostInsightsAlert(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("subtitle")] string Subtitle,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("howMuch")] string HowMuch,
    [property: JsonPropertyName("comparedWith")] string ComparedWith,
    [property: JsonPropertyName("action")] string Action);

/// <summary>The answer of <c>getLastCompleteBillingDate</c>, and the currency every amount is in.</summary>
public sealed record BillingDate(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("currency")] string Currency);
