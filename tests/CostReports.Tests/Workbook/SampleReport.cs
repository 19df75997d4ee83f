using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using Costs.CostReports.Workbook;

namespace Costs.CostReports.Tests.Workbook;

/// <summary>
/// A small, hand-made report input: October and November 2026, as of 2026-11-10.
/// <code>
/// day         kind         service   team                        env         cost    credits
/// each day    allocated    checkout  payments                    production  10.00   -1.00
/// each day    allocated    search    discovery                   staging      4.25    0
/// each day    allocated    web       =HYPERLINK("http://x","y")  production   2.10   -0.10
/// each 5th    unallocated  -         -                           -            3.333   0      missing text
/// each day    idle         -         -                           production   1.50    0
/// 2026-11-03  overhead     -         -                           -            0.75    0
/// 2026-10-07  allocated    (null)    payments                    staging      5.00    0
/// one EUR row (left out of a USD report)
/// </code>
/// The bill per day is the sum of that day's USD rows, so every reconciliation difference is 0.
/// </summary>
internal static class SampleReport
{
    public const string Hyperlink = "=HYPERLINK(\"http://x\",\"y\")";
    public const string MissingText = "service: app.kubernetes.io/name|app|service; team: team|owner";
    public static readonly DateOnly AsOf = new(2026, 11, 10);

    public static AllocationRow Row(DateOnly day, CostKind kind, string? service, string? team, string? env,
        decimal cost, decimal credits, string missing = "", Currency? currency = null, string? project = "acme-prod") => new()
    {
        Day = day,
        Currency = currency ?? Currency.Usd,
        InvoiceMonth = InvoiceMonth.Of(day),
        Kind = kind,
        Dimensions = new Dimensions
        {
            Service = service, Team = team, Environment = env, Project = project,
            CloudService = "Compute Engine", Sku = "N2 Instance Core running in Americas", Region = "us-central1",
            Cluster = env is null ? null : "gke-" + env, Namespace = service, Workload = service,
        },
        Rule = kind == CostKind.Allocated ? "label" : "",
        Missing = missing,
        Cost = cost,
        Credits = credits,
    };

    public static List<AllocationRow> Rows()
    {
        var rows = new List<AllocationRow>();
        for (var day = new DateOnly(2026, 10, 1); day <= AsOf; day = day.AddDays(1))
        {
            rows.Add(Row(day, CostKind.Allocated, "checkout", "payments", "production", 10.00m, -1.00m));
            rows.Add(Row(day, CostKind.Allocated, "search", "discovery", "staging", 4.25m, 0m));
            rows.Add(Row(day, CostKind.Allocated, "web", Hyperlink, "production", 2.10m, -0.10m));
            if (day.Day % 5 == 0)
                rows.Add(Row(day, CostKind.Unallocated, null, null, null, 3.333m, 0m, MissingText, project: "acme-data"));
            rows.Add(Row(day, CostKind.Idle, null, null, "production", 1.50m, 0m));
        }
        rows.Add(Row(new DateOnly(2026, 11, 3), CostKind.Overhead, null, null, null, 0.75m, 0m));
        rows.Add(Row(new DateOnly(2026, 10, 7), CostKind.Allocated, null, "payments", "staging", 5.00m, 0m));
        rows.Add(Row(new DateOnly(2026, 11, 2), CostKind.Allocated, "checkout", "payments", "production", 99m, 0m,
            currency: new Currency("EUR")));
        return rows;
    }

    public static List<BilledDay> BillFor(IEnumerable<AllocationRow> rows) => rows
        .GroupBy(r => (r.Day, r.Currency, r.InvoiceMonth))
        .Select(g => new BilledDay(g.Key.Day, g.Key.Currency, g.Key.InvoiceMonth, g.Sum(r => r.Cost), g.Sum(r => r.Credits)))
        .ToList();

    public static ReportInput Input()
    {
        var rows = Rows();
        return new ReportInput(rows, BillFor(rows), AsOf, Currency.Usd, "Costs: acme billing account 01ABCD-234567-89EFGH");
    }
}
