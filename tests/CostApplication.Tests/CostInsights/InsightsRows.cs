using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostApplication.Tests.CostInsights;

/// <summary>
/// The hand-made allocation the Cost Insights tests share (USD, net = cost, no credits):
/// <code>
///  day         kind         team      project  service   cloud service   environment  net
///  2026-10-01  allocated    payments  p-prod   checkout  Compute Engine  production    10
///  2026-10-01  allocated    payments  p-prod   checkout  Cloud Storage   production     2
///  2026-10-02  allocated    payments  p-prod   checkout  Compute Engine  production    12
///  2026-10-02  allocated    search    p-prod   search    Compute Engine  production     5
///  2026-10-03  allocated    payments  p-dev    ledger    Compute Engine  development    4
///  2026-10-03  unallocated  -         p-prod   -         Compute Engine  -              3
///  2026-10-04  allocated    payments  p-prod   checkout  Compute Engine  production     8
/// </code>
/// payments by day: 12, 12, 4, 8; p-prod by day: 12, 17, 3, 8.
/// </summary>
internal static class InsightsRows
{
    public static readonly DateOnly First = new(2026, 10, 1);

    public static IReadOnlyList<AllocationRow> All { get; } =
    [
        Row(0, "payments", "p-prod", "checkout", "Compute Engine", "production", 10m),
        Row(0, "payments", "p-prod", "checkout", "Cloud Storage", "production", 2m),
        Row(1, "payments", "p-prod", "checkout", "Compute Engine", "production", 12m),
        Row(1, "search", "p-prod", "search", "Compute Engine", "production", 5m),
        Row(2, "payments", "p-dev", "ledger", "Compute Engine", "development", 4m),
        Row(2, null, "p-prod", null, "Compute Engine", null, 3m) with { Kind = CostKind.Unallocated, Missing = "app, team" },
        Row(3, "payments", "p-prod", "checkout", "Compute Engine", "production", 8m),
    ];

    public static IReadOnlyList<BilledDay> Billed { get; } = All.GroupBy(r => r.Day)
        .Select(g => new BilledDay(g.Key, Currency.Usd, InvoiceMonth.Of(g.Key), g.Sum(r => r.Cost), 0m)).ToList();

    private static AllocationRow Row(int day, string? team, string project, string? service, string cloudService, string? environment, decimal net) => new()
    {
        Day = First.AddDays(day),
        Currency = Currency.Usd,
        InvoiceMonth = InvoiceMonth.Of(First.AddDays(day)),
        Kind = CostKind.Allocated,
        Dimensions = new Dimensions
        {
            Team = team, Project = project, Service = service, CloudService = cloudService, Environment = environment,
            Sku = cloudService + " core", Cluster = "prod-eu",
        },
        Cost = net,
        Credits = 0m,
    };
}
