using System.Net;
using System.Text.Json;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostWeb.Tests.CostInsights;

/// <summary>
/// The Cost Insights endpoints over loopback HTTP, on a store holding:
/// <code>
///  day         kind         team      project  service   cloud service   net
///  2026-11-01  allocated    payments  p-prod   checkout  Compute Engine  10.25
///  2026-11-02  allocated    payments  p-prod   checkout  Compute Engine  12.50
///  2026-11-02  allocated    payments  p-prod   checkout  Cloud Storage    0.75
///  2026-11-03  allocated    search    p-prod   search    Compute Engine   5.00
///  2026-11-03  unallocated  -         p-prod   -         Compute Engine   3.00
///  2026-11-04  allocated    payments  p-prod   checkout  Compute Engine   8.00
/// </code>
/// Today is 2026-11-20, so the last complete billing day is the last billed one, 2026-11-04.
/// </summary>
public sealed class CostInsightsEndpointsTests
{
    private const string Intervals = "R2/P2D/2026-11-05";

    private static readonly AllocationRow[] Rows =
    [
        Row(1, "payments", "checkout", "Compute Engine", 10.25m),
        Row(2, "payments", "checkout", "Compute Engine", 12.50m),
        Row(2, "payments", "checkout", "Cloud Storage", 0.75m),
        Row(3, "search", "search", "Compute Engine", 5m),
        Row(3, null, null, "Compute Engine", 3m) with { Kind = CostKind.Unallocated },
        Row(4, "payments", "checkout", "Compute Engine", 8m),
    ];

    [Fact]
    public async Task LastCompleteBillingDate_Billed_DateAndCurrency()
    {
        await using var server = await WebServer.StartAsync(seed: Rows);

        var json = await GetJsonAsync(server, "/api/cost-insights/last-complete-billing-date");

        Assert.Equal("""{"date":"2026-11-04","currency":"USD"}""", json.GetRawText());
    }

    [Fact]
    public async Task LastCompleteBillingDate_EmptyStore_404SayingSo()
    {
        await using var server = await WebServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri("/api/cost-insights/last-complete-billing-date", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no billing yet", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupDailyCost_Payments_PluginShapeWithExactAmounts()
    {
        await using var server = await WebServer.StartAsync(seed: Rows);

        var cost = await GetJsonAsync(server, $"/api/cost-insights/group-daily-cost?group=payments&intervals={Intervals}");

        Assert.Equal("payments", cost.GetProperty("id").GetString());
        Assert.Equal("""[{"date":"2026-11-01","amount":10.25},{"date":"2026-11-02","amount":13.25},{"date":"2026-11-03","amount":0},{"date":"2026-11-04","amount":8}]""",
            cost.GetProperty("aggregation").GetRawText());
        // previous 10.25 + 13.25 = 23.50, last 0 + 8.00 = 8.00: −15.50, ratio −15.5 / 23.5.
        Assert.Equal(-15.50m, cost.GetProperty("change").GetProperty("amount").GetDecimal());
        Assert.Equal((double)(-15.50m / 23.50m), cost.GetProperty("change").GetProperty("ratio").GetDouble());
        Assert.True(cost.GetProperty("trendline").TryGetProperty("slope", out _));
        Assert.Equal(["product", "project", "service", "environment"], cost.GetProperty("groupedCosts").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task GroupDailyCost_SameFiguresAsTheQuery()
    {
        await using var server = await WebServer.StartAsync(seed: Rows);
        await using var app = server.App();
        var query = await (await app.QueryAsync(CancellationToken.None))
            .RunAsync([GroupDimension.Team, GroupDimension.Day], DateRange.Between(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 4)), null, CancellationToken.None);

        var cost = await GetJsonAsync(server, $"/api/cost-insights/group-daily-cost?group=payments&intervals={Intervals}");

        var served = cost.GetProperty("aggregation").EnumerateArray()
            .Where(a => a.GetProperty("amount").GetDecimal() != 0m)
            .ToDictionary(a => a.GetProperty("date").GetString()!, a => a.GetProperty("amount").GetDecimal());
        Assert.Equal(query.Groups.Where(g => g.Values[0] == "payments").ToDictionary(g => g.Values[1]!, g => g.Totals.Net), served);
    }

    [Fact]
    public async Task ProductInsights_ComputeEngine_EntityPair()
    {
        await using var server = await WebServer.StartAsync(seed: Rows);

        var entity = await GetJsonAsync(server, $"/api/cost-insights/product-insights?product=computeEngine&group=payments&intervals={Intervals}");

        Assert.Equal("computeEngine", entity.GetProperty("id").GetString());
        Assert.Equal("[22.75,8]", entity.GetProperty("aggregation").GetRawText());
        Assert.Equal("checkout", entity.GetProperty("entities").GetProperty("service")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task ProjectDailyCost_UnallocatedIncluded_NullIdNever()
    {
        await using var server = await WebServer.StartAsync(seed: Rows);

        var cost = await GetJsonAsync(server, $"/api/cost-insights/project-daily-cost?project=p-prod&intervals={Intervals}");

        Assert.Equal([10.25m, 13.25m, 8m, 8m], cost.GetProperty("aggregation").EnumerateArray().Select(a => a.GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public async Task UserGroupsAndProjects_Listed()
    {
        await using var server = await WebServer.StartAsync(seed: Rows);

        Assert.Equal("""[{"id":"payments"},{"id":"search"}]""",
            (await GetJsonAsync(server, "/api/cost-insights/user-groups?user=user%3Adefault%2Fjane")).GetRawText());
        Assert.Equal("""[{"id":"p-prod"}]""", (await GetJsonAsync(server, "/api/cost-insights/group-projects?group=payments")).GetRawText());
    }

    [Fact]
    public async Task CatalogEntityDailyCost_Component_ItsServicesCost()
    {
        await using var server = await WebServer.StartAsync(seed: Rows);

        var cost = await GetJsonAsync(server, $"/api/cost-insights/catalog-entity-daily-cost?entity=component%3Adefault%2Fsearch&intervals={Intervals}");

        Assert.Equal("component:default/search", cost.GetProperty("id").GetString());
        Assert.Equal([0m, 0m, 5m, 0m], cost.GetProperty("aggregation").EnumerateArray().Select(a => a.GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public async Task Alerts_TeamOverBudget_PluginTitleAndSubtitle()
    {
        await using var server = await WebServer.StartAsync("""{ "Alerts": { "Budgets": [ { "Scope": "team", "Name": "payments", "Monthly": 20, "Thresholds": [100] } ] } }""", Rows);

        var alerts = await GetJsonAsync(server, "/api/cost-insights/alerts?group=payments");

        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal("budget", alert.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(alert.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(alert.GetProperty("subtitle").GetString()));
    }

    [Theory]
    [InlineData("/api/cost-insights/group-daily-cost?group=payments&intervals=R2/P30D", "intervals: 'R2/P30D' is not an ISO 8601 repeating interval")]
    [InlineData("/api/cost-insights/group-daily-cost?group=payments&intervals=R2/P30D/2026-02-30", "is not a calendar date")]
    [InlineData("/api/cost-insights/group-daily-cost?group=payments", "intervals: missing")]
    [InlineData("/api/cost-insights/group-daily-cost?intervals=R2/P2D/2026-11-05", "group: missing")]
    [InlineData("/api/cost-insights/group-daily-cost?group=a&group=b&intervals=R2/P2D/2026-11-05", "group: given 2 times")]
    [InlineData("/api/cost-insights/group-daily-cost?team=payments&group=payments&intervals=R2/P2D/2026-11-05", "Unknown query parameter(s) team")]
    [InlineData("/api/cost-insights/catalog-entity-daily-cost?entity=checkout&intervals=R2/P2D/2026-11-05", "not a catalog entity reference")]
    [InlineData("/api/cost-insights/catalog-entity-daily-cost?entity=api%3Adefault%2Fcheckout&intervals=R2/P2D/2026-11-05", "CostInsights:EntityKinds")]
    [InlineData("/api/cost-insights/product-insights?product=computeEngine&group=payments&intervals=R1/P4D/2026-11-05", "R2 or more")]
    [InlineData("/api/cost-insights/product-insights?product=bigQuery&group=payments&intervals=R2/P2D/2026-11-05", "Services with cost: Cloud Storage, Compute Engine.")]
    public async Task BadRequest_400WithTheReason(string path, string reason)
    {
        await using var server = await WebServer.StartAsync(seed: Rows);

        using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(reason, body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidCostInsightsSection_500NamingTheKey()
    {
        await using var server = await WebServer.StartAsync("""{ "CostInsights": { "BillingDelayDays": -1 } }""", Rows);

        using var response = await server.Client.GetAsync(new Uri("/api/cost-insights/last-complete-billing-date", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("CostInsights:BillingDelayDays", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> GetJsonAsync(WebServer server, string path)
    {
        using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static AllocationRow Row(int day, string? team, string? service, string cloudService, decimal net)
    {
        var d = new DateOnly(2026, 11, day);
        return new AllocationRow
        {
            Day = d,
            Currency = Currency.Usd,
            InvoiceMonth = InvoiceMonth.Of(d),
            Kind = CostKind.Allocated,
            Dimensions = new Dimensions { Team = team, Service = service, Project = "p-prod", CloudService = cloudService, Environment = "production" },
            Cost = net,
            Credits = 0m,
        };
    }
}
