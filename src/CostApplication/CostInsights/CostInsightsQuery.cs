using Costs.CostAnalyzer.Alerts;
using Costs.CostApplication.Alerts;
using Costs.CostApplication.Query;
using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostApplication.CostInsights;

/// <summary>
/// The use case behind the Backstage Cost Insights API: the plugin's questions answered from the store's
/// analyzed allocation, read and checked through <see cref="QueryCosts"/> (so every figure is one that
/// <c>costs query</c> shows for the same days), and its alerts judged by the alert rules without
/// delivering anything. Groups are teams, projects are Google Cloud projects, products are Google Cloud
/// services (the export's <c>service.description</c>), and a catalog entity is a service.
/// </summary>
public sealed class CostInsightsQuery(CostStore store, CostInsightsOptions options, AlertRun alerts, TimeProvider clock)
{
    private static readonly (string, GroupDimension)[] GroupBreakdowns =
        [("product", GroupDimension.CloudService), ("project", GroupDimension.Project), ("service", GroupDimension.Service), ("environment", GroupDimension.Environment)];
    private static readonly (string, GroupDimension)[] ProjectBreakdowns =
        [("product", GroupDimension.CloudService), ("service", GroupDimension.Service), ("team", GroupDimension.Team), ("environment", GroupDimension.Environment)];
    private static readonly (string, GroupDimension)[] EntityBreakdowns =
        [("product", GroupDimension.CloudService), ("environment", GroupDimension.Environment), ("cluster", GroupDimension.Cluster)];

    private readonly QueryCosts _query = new(store);

    /// <summary>
    /// The last day whose billing is complete: the last billed day, but no later than today − 1 −
    /// CostInsights:BillingDelayDays (the export is still filling in the days after that). Null when the
    /// store holds no billing in the answer's currency.
    /// </summary>
    public async Task<BillingDate?> LastCompleteBillingDateAsync(CancellationToken ct)
    {
        var billed = await store.ReadBilledDaysAsync(DateRange.Everything, ct);
        var currency = CurrencyChoice.Pick(billed, options.Currency, "the store");
        var days = billed.Where(b => b.Currency == currency).Select(b => b.Day).ToList();
        if (days.Count == 0) return null;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var limit = today.AddDays(-1 - options.BillingDelayDays);
        var last = days.Max() < limit ? days.Max() : limit;
        return new BillingDate(last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), currency.Code);
    }

    /// <summary>The teams <paramref name="userId"/> sees (CostInsights:UserGroups, else every team with cost in the listing window), by name.</summary>
    public async Task<IReadOnlyList<Group>> UserGroupsAsync(string userId, CancellationToken ct)
    {
        if (options.UserGroups.Count > 0)
            return options.UserGroups.Where(u => string.Equals(u.User, userId, StringComparison.OrdinalIgnoreCase))
                .SelectMany(u => u.Groups).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(t => new Group(t)).ToList();
        var rows = await ListingRowsAsync(ct);
        return rows.Where(r => r.Kind == CostKind.Allocated && r.Dimensions.Team is not null).Select(r => r.Dimensions.Team!)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(t => new Group(t)).ToList();
    }

    /// <summary>The Google Cloud projects in which <paramref name="group"/> had cost in the listing window, by id.</summary>
    public async Task<IReadOnlyList<Project>> GroupProjectsAsync(string group, CancellationToken ct)
    {
        var rows = await ListingRowsAsync(ct);
        return rows.Where(r => OfTeam(r, group) && r.Dimensions.Project is not null).Select(r => r.Dimensions.Project!)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(p => new Project(p)).ToList();
    }

    /// <summary>A team's daily net cost (what <c>costs query --by team,day</c> shows for it), by product, project, service and environment.</summary>
    public async Task<Cost> GroupDailyCostAsync(string group, RepeatingInterval intervals, CancellationToken ct) =>
        await DailyAsync(group, intervals, r => OfTeam(r, group), GroupBreakdowns, ct);

    /// <summary>
    /// A Google Cloud project's daily net cost: all of it, allocated or not (<c>costs query --by project,day</c>),
    /// by product, service, team and environment.
    /// </summary>
    public async Task<Cost> ProjectDailyCostAsync(string project, RepeatingInterval intervals, CancellationToken ct) =>
        await DailyAsync(project, intervals, r => r.Dimensions.Project == project, ProjectBreakdowns, ct);

    /// <summary>
    /// A catalog entity's daily net cost: that of its service (<see cref="ServiceOf"/>), as
    /// <c>costs query --by service,day</c> shows it, by product, environment and cluster.
    /// </summary>
    public async Task<Cost> CatalogEntityDailyCostAsync(EntityReference entity, RepeatingInterval intervals, CancellationToken ct)
    {
        var service = ServiceOf(entity);
        return await DailyAsync(entity.ToString(), intervals,
            r => r.Kind == CostKind.Allocated && r.Dimensions.Service == service, EntityBreakdowns, ct);
    }

    /// <summary>
    /// The service a catalog entity's costs are: the one CostInsights:Entities names for it, else its name
    /// when its kind is one of CostInsights:EntityKinds; any other entity is a request error naming both options.
    /// </summary>
    public string ServiceOf(EntityReference entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        foreach (var mapping in options.Entities)
            if (EntityReference.Parse(mapping.Entity) is var mapped && mapped.Kind == entity.Kind && mapped.Namespace == entity.Namespace
                && string.Equals(mapped.Name, entity.Name, StringComparison.OrdinalIgnoreCase))
                return mapping.Service;
        if (options.EntityKinds.Contains(entity.Kind, StringComparer.OrdinalIgnoreCase)) return entity.Name;
        throw new StageException(FailureKind.Configuration,
            $"Catalog entity {entity}: its kind is not one of {CostInsightsOptions.Section}:EntityKinds ({string.Join(", ", options.EntityKinds)}) " +
            $"and {CostInsightsOptions.Section}:Entities does not map it to a service.");
    }

    /// <summary>
    /// A product's costs for a team (and, optionally, one project) in the last two periods of the intervals,
    /// by service, then SKU and environment. The product is a Google Cloud service (CostInsights:Products, else
    /// the service whose name without spaces and punctuation is the kind); one with no cost in those periods
    /// and not configured is a request error that lists the products there are.
    /// </summary>
    public async Task<Entity> ProductInsightsAsync(ProductInsightsOptions request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var last = await LastDayAsync(ct);
        var loaded = await _query.LoadAsync(CostInsightsFigures.ShownDays(request.Intervals, last), options.Currency, ct);
        var present = loaded.Rows.Select(r => r.Dimensions.CloudService).Distinct(StringComparer.Ordinal).ToList();
        var cloudService = options.Products.FirstOrDefault(p => string.Equals(p.Key, request.Product, StringComparison.OrdinalIgnoreCase)).Value
            ?? present.FirstOrDefault(s => Squeezed(s) == Squeezed(request.Product))
            ?? throw new StageException(FailureKind.Configuration,
                $"Product '{request.Product}': no Google Cloud service of that name has cost in those days and {CostInsightsOptions.Section}:Products does not name it. " +
                $"Services with cost: {string.Join(", ", present.Order(StringComparer.Ordinal))}.");
        var rows = loaded.Rows.Where(r => r.Dimensions.CloudService == cloudService && OfTeam(r, request.Group)
            && (request.Project is null || r.Dimensions.Project == request.Project)).ToList();
        return CostInsightsFigures.ProductEntity(request.Product, rows, request.Intervals, last);
    }

    /// <summary>
    /// The alerts that `costs alert` judges now (as of the last billed day) that concern the team; read
    /// only: nothing is delivered or recorded.
    /// </summary>
    public async Task<IReadOnlyList<CostInsightsAlert>> AlertsAsync(string group, CancellationToken ct)
    {
        var detected = await alerts.DetectAsync(null, ct);
        if (detected is null) return [];
        return detected.Result.Alerts.Where(a => a.Team == group)
            .Select(a => new CostInsightsAlert(a.Title, a.What, a.Key, a.Kind.ToText(), a.Severity.ToText(), a.HowMuch, a.ComparedWith, a.Action))
            .ToList();
    }

    private async Task<Cost> DailyAsync(string id, RepeatingInterval intervals, Func<AllocationRow, bool> mine,
        IReadOnlyList<(string, GroupDimension)> breakdowns, CancellationToken ct)
    {
        var last = await LastDayAsync(ct);
        var loaded = await _query.LoadAsync(CostInsightsFigures.ShownDays(intervals, last), options.Currency, ct);
        return CostInsightsFigures.DailyCost(id, loaded.Rows.Where(mine).ToList(), intervals, last, breakdowns);
    }

    private async Task<IReadOnlyList<AllocationRow>> ListingRowsAsync(CancellationToken ct)
    {
        if (await LastDayAsync(ct) is not { } last) return [];
        return (await _query.LoadAsync(new DateRange(last.AddDays(1 - options.ListingDays), last.AddDays(1)), options.Currency, ct)).Rows;
    }

    private async Task<DateOnly?> LastDayAsync(CancellationToken ct) =>
        await LastCompleteBillingDateAsync(ct) is { } d ? DateOnly.ParseExact(d.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;

    private static bool OfTeam(AllocationRow row, string team) => row.Kind == CostKind.Allocated && row.Dimensions.Team == team;

    private static string Squeezed(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
