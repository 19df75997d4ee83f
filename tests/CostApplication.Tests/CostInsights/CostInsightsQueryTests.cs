using Costs.CostAnalyzer.Alerts;
using Costs.CostApplication.Alerts;
using Costs.CostApplication.CostInsights;
using Costs.CostApplication.Query;
using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Costs.CostReports.Delivery;

namespace Costs.CostApplication.Tests.CostInsights;

/// <summary>The Cost Insights use case on a real SQLite store holding <see cref="InsightsRows"/>.</summary>
public sealed class CostInsightsQueryTests : IAsyncLifetime
{
    private static readonly RepeatingInterval TwoByTwo = RepeatingInterval.Parse("R2/P2D/2026-10-05");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "costs-insights-" + Guid.NewGuid().ToString("N"));
    private CostStore _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _store = await CostStore.OpenAsync(Path.Combine(_dir, "costs.db"), TimeProvider.System, CancellationToken.None);
        await _store.ReplaceAllocationsAsync(InsightsRows.Billed.Select(b => b.Day).ToList(), InsightsRows.All, InsightsRows.Billed, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("2026-10-06T12:00:00Z", 1, "2026-10-04")] // limit 10-04 = the last billed day
    [InlineData("2026-10-05T23:59:59Z", 1, "2026-10-03")] // 10-04 may still be filling in
    [InlineData("2026-10-05T00:00:00Z", 0, "2026-10-04")]
    [InlineData("2026-12-01T00:00:00Z", 1, "2026-10-04")]
    public async Task LastCompleteBillingDateAsync_Clock_LastBilledDayNoLaterThanTheDelayAllows(string now, int delay, string expected)
    {
        var result = await Query(now, new CostInsightsOptions { BillingDelayDays = delay }).LastCompleteBillingDateAsync(CancellationToken.None);

        Assert.Equal(new BillingDate(expected, "USD"), result);
    }

    [Fact]
    public async Task UserGroupsAsync_NoMapping_EveryTeamWithCost()
    {
        var groups = await Query().UserGroupsAsync("user:default/jane", CancellationToken.None);

        Assert.Equal([new Group("payments"), new Group("search")], groups);
    }

    [Fact]
    public async Task UserGroupsAsync_Mapping_OnlyTheUsersTeams()
    {
        var options = new CostInsightsOptions { UserGroups = [new UserGroupsOptions { User = "user:default/jane", Groups = ["search"] }] };

        Assert.Equal([new Group("search")], await Query(options: options).UserGroupsAsync("User:Default/Jane", CancellationToken.None));
        Assert.Empty(await Query(options: options).UserGroupsAsync("user:default/joe", CancellationToken.None));
    }

    [Fact]
    public async Task GroupProjectsAsync_Payments_ItsProjects()
    {
        Assert.Equal([new Project("p-dev"), new Project("p-prod")], await Query().GroupProjectsAsync("payments", CancellationToken.None));
    }

    [Fact]
    public async Task GroupDailyCostAsync_Payments_EqualsQueryByTeamAndDay()
    {
        var cost = await Query().GroupDailyCostAsync("payments", TwoByTwo, CancellationToken.None);

        var byDay = await QueryByDayAsync(GroupDimension.Team, "payments");
        Assert.Equal([12m, 12m, 4m, 8m], cost.Aggregation.Select(a => a.Amount));
        Assert.Equal(byDay, cost.Aggregation.ToDictionary(a => a.Date, a => a.Amount));
        Assert.Equal(["product", "project", "service", "environment"], cost.GroupedCosts!.Keys);
        Assert.Equal(["p-prod", "p-dev"], cost.GroupedCosts["project"].Select(p => p.Id));
    }

    [Fact]
    public async Task ProjectDailyCostAsync_PProd_AllItsCostUnallocatedIncluded()
    {
        var cost = await Query().ProjectDailyCostAsync("p-prod", TwoByTwo, CancellationToken.None);

        Assert.Equal([12m, 17m, 3m, 8m], cost.Aggregation.Select(a => a.Amount));
        Assert.Equal(await QueryByDayAsync(GroupDimension.Project, "p-prod"), cost.Aggregation.ToDictionary(a => a.Date, a => a.Amount));
        Assert.Contains(cost.GroupedCosts!["service"], s => s.Id == KindLabels.Unallocated);
    }

    [Fact]
    public async Task CatalogEntityDailyCostAsync_ComponentNamedAfterItsService_ThatServicesCost()
    {
        var cost = await Query().CatalogEntityDailyCostAsync(EntityReference.Parse("component:default/checkout"), TwoByTwo, CancellationToken.None);

        Assert.Equal("component:default/checkout", cost.Id);
        Assert.Equal([12m, 12m, 0m, 8m], cost.Aggregation.Select(a => a.Amount));
    }

    [Fact]
    public async Task CatalogEntityDailyCostAsync_Mapped_TheMappedService()
    {
        var options = new CostInsightsOptions { Entities = [new EntityServiceOptions { Entity = "website:default/Checkout-Web", Service = "ledger" }] };

        var cost = await Query(options: options).CatalogEntityDailyCostAsync(EntityReference.Parse("website:default/checkout-web"), TwoByTwo, CancellationToken.None);

        Assert.Equal([0m, 0m, 4m, 0m], cost.Aggregation.Select(a => a.Amount));
    }

    [Fact]
    public async Task CatalogEntityDailyCostAsync_UnmappedKind_RequestErrorNamingTheOptions()
    {
        var ex = await Assert.ThrowsAsync<StageException>(() =>
            Query().CatalogEntityDailyCostAsync(EntityReference.Parse("api:default/checkout"), TwoByTwo, CancellationToken.None));

        Assert.Equal(FailureKind.Configuration, ex.Kind);
        Assert.Contains("CostInsights:EntityKinds (component)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("computeEngine")]
    [InlineData("compute-engine")]
    [InlineData("ComputeEngine")]
    public async Task ProductInsightsAsync_KindMatchesTheServiceName_TeamsEntity(string product)
    {
        var entity = await Query().ProductInsightsAsync(new ProductInsightsOptions(product, "payments", TwoByTwo, null), CancellationToken.None);

        Assert.Equal([22m, 12m], entity.Aggregation);
        Assert.Equal(product, entity.Id);
    }

    [Fact]
    public async Task ProductInsightsAsync_ConfiguredProductAndProject_OnlyThatProject()
    {
        var options = new CostInsightsOptions { Products = new() { ["storage"] = "Cloud Storage" } };

        var entity = await Query(options: options).ProductInsightsAsync(new ProductInsightsOptions("storage", "payments", TwoByTwo, "p-prod"), CancellationToken.None);

        Assert.Equal([2m, 0m], entity.Aggregation);
    }

    [Fact]
    public async Task ProductInsightsAsync_UnknownProduct_RequestErrorListingTheServices()
    {
        var ex = await Assert.ThrowsAsync<StageException>(() =>
            Query().ProductInsightsAsync(new ProductInsightsOptions("bigQuery", "payments", TwoByTwo, null), CancellationToken.None));

        Assert.Equal(FailureKind.Configuration, ex.Kind);
        Assert.Contains("Services with cost: Cloud Storage, Compute Engine.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsAsync_TeamOverBudget_ItsBudgetAlertOnly()
    {
        var alerts = new AlertOptions { Budgets = [new BudgetOptions { Scope = "team", Name = "payments", Monthly = 20m, Thresholds = [100m] }] };

        var found = await Query(alerts: alerts).AlertsAsync("payments", CancellationToken.None);

        var alert = Assert.Single(found);
        Assert.Equal("budget", alert.Kind);
        Assert.Contains("payments", alert.Title, StringComparison.Ordinal);
        Assert.Empty(await Query(alerts: alerts).AlertsAsync("search", CancellationToken.None));
    }

    private CostInsightsQuery Query(string now = "2026-10-06T12:00:00Z", CostInsightsOptions? options = null, AlertOptions? alerts = null)
    {
        var clock = new FixedClock(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        var environment = new AppEnvironment(new Dictionary<string, string>(), _dir, clock);
        return new CostInsightsQuery(_store, options ?? new CostInsightsOptions(),
            new AlertRun(_store, alerts ?? new AlertOptions(), new DeliveryOptions(), environment), clock);
    }

    private async Task<Dictionary<string, decimal>> QueryByDayAsync(GroupDimension by, string value)
    {
        var result = await new QueryCosts(_store).RunAsync([by, GroupDimension.Day], new DateRange(InsightsRows.First, TwoByTwo.EndExclusive), null, CancellationToken.None);
        var days = Enumerable.Range(0, 4).ToDictionary(d => InsightsRows.First.AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), _ => 0m);
        foreach (var g in result.Groups.Where(g => g.Values[0] == value)) days[g.Values[1]!] = g.Totals.Net;
        return days;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
