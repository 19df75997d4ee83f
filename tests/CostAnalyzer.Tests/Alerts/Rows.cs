using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostAnalyzer.Tests.Alerts;

/// <summary>Builds small allocation-row fixtures.</summary>
internal static class Rows
{
    public static AllocationRow Row(DateOnly day, decimal net, string? service = "checkout", string? team = "payments",
        string? env = "production", CostKind kind = CostKind.Allocated, string? project = "acme-prod",
        string cloudService = "Compute Engine", string sku = "N2 Instance Core", string? region = "europe-west1",
        decimal credits = 0m, string currency = "USD", string missing = "") => new()
    {
        Day = day,
        Currency = new Currency(currency),
        InvoiceMonth = InvoiceMonth.Of(day),
        Kind = kind,
        Dimensions = new Dimensions
        {
            Service = kind == CostKind.Unallocated ? null : service,
            Team = kind == CostKind.Unallocated ? null : team,
            Environment = env,
            Project = project,
            CloudService = cloudService,
            Sku = sku,
            Region = region,
        },
        Missing = missing,
        Cost = net - credits,
        Credits = credits,
    };

    /// <summary>One row a day from <paramref name="from"/> through <paramref name="to"/>.</summary>
    public static IEnumerable<AllocationRow> Daily(DateOnly from, DateOnly to, Func<DateOnly, decimal> net, string? service = "checkout",
        string? team = "payments", string? env = "production", CostKind kind = CostKind.Allocated, string? project = "acme-prod",
        string sku = "N2 Instance Core", string currency = "USD")
    {
        for (var d = from; d <= to; d = d.AddDays(1))
            yield return Row(d, net(d), service, team, env, kind, project, sku: sku, currency: currency);
    }

    public static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
