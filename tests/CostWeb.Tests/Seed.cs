using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostWeb.Tests;

/// <summary>
/// A small store's analysis, 2026-09-01 to 2026-11-20 (today in <see cref="WebServer.Now"/>), all USD:
/// <code>
/// service                      team      env         project    cluster  per day
/// checkout                     payments  production  acme-prod  prod-eu  10.00 cost, -1.00 credits (Sep, Oct); 12.00 in Nov
/// checkout (no team label)     -         production  acme-prod  -        0.50 (Missing "team: team|owner")
/// &lt;script&gt;alert(1)&lt;/script&gt;    hostile   staging     acme-prod  -        2.00
/// =HYPERLINK("x")              hostile   staging     acme-prod  -        3.00
/// (unallocated)                -         -           acme-prod  -        1.25 (Missing "service: app")
/// (idle)                       -         -           -          prod-eu  0.75
/// </code>
/// and checkout's workload Deployment/checkout in prod-eu/shop: 2 cores requested, 0.5 used each hour of November.
/// </summary>
internal static class Seed
{
    public const string Script = "<script>alert(1)</script>";
    public const string Formula = "=HYPERLINK(\"x\")";
    public static readonly DateOnly First = new(2026, 9, 1);
    public static readonly DateOnly Last = new(2026, 11, 20);

    public static IReadOnlyList<AllocationRow> Rows()
    {
        var rows = new List<AllocationRow>();
        for (var d = First; d <= Last; d = d.AddDays(1))
        {
            var november = d.Month == 11;
            rows.Add(Row(d, CostKind.Allocated, new Dimensions { Service = "checkout", Team = "payments", Environment = "production", Project = "acme-prod",
                Cluster = "prod-eu", Namespace = "shop", Workload = "Deployment/checkout", CloudService = "Compute Engine", Sku = "N2 Instance Core" },
                november ? 12m : 10m, -1m));
            rows.Add(Row(d, CostKind.Allocated, new Dimensions { Service = "checkout", Environment = "production", Project = "acme-prod",
                CloudService = "Cloud SQL", Sku = "Cloud SQL vCPU" }, 0.5m, 0m) with { Missing = "team: team|owner" });
            rows.Add(Row(d, CostKind.Allocated, new Dimensions { Service = Script, Team = "hostile", Environment = "staging", Project = "acme-prod",
                CloudService = "Cloud Run", Sku = "CPU" }, 2m, 0m));
            rows.Add(Row(d, CostKind.Allocated, new Dimensions { Service = Formula, Team = "hostile", Environment = "staging", Project = "acme-prod",
                CloudService = "Cloud Run", Sku = "Memory" }, 3m, 0m));
            rows.Add(Row(d, CostKind.Unallocated, new Dimensions { Project = "acme-prod", CloudService = "Networking", Sku = "Egress" }, 1.25m, 0m)
                with { Missing = "service: app" });
            rows.Add(Row(d, CostKind.Idle, new Dimensions { Cluster = "prod-eu", CloudService = "Compute Engine", Sku = "N2 Instance Core" }, 0.75m, 0m));
        }
        return rows;
    }

    public static IReadOnlyList<WorkloadEfficiency> Efficiency()
    {
        var list = new List<WorkloadEfficiency>();
        for (var d = new DateOnly(2026, 11, 1); d <= Last; d = d.AddDays(1))
            list.Add(new WorkloadEfficiency
            {
                Day = d, Currency = Currency.Usd, Cluster = "prod-eu", Namespace = "shop", Workload = "Deployment/checkout", Service = "checkout",
                Team = "payments", Environment = "production", CpuRequest = 48m, CpuUsage = 12m, MemoryRequest = 24m * 4m * 1073741824m,
                MemoryUsage = 24m * 3m * 1073741824m, Net = 11m, UnusedNet = 6m,
            });
        return list;
    }

    private static AllocationRow Row(DateOnly day, CostKind kind, Dimensions dimensions, decimal cost, decimal credits) => new()
    {
        Day = day, Currency = Currency.Usd, InvoiceMonth = InvoiceMonth.Of(day), Kind = kind, Dimensions = dimensions, Cost = cost, Credits = credits,
    };
}
