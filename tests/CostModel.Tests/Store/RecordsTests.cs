using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostModel.Tests.Store;

/// <summary>
/// Every field of every stored record survives a round trip through the store with its own value. The
/// values are all different, so binding one field to another's column (say Region and Zone swapped)
/// fails here.
/// </summary>
public class RecordsTests
{
    private static readonly DateOnly Day = new(2026, 10, 3);

    [Fact]
    public async Task BillingLine_RoundTrip_EveryFieldKeepsItsOwnValue()
    {
        await using var store = await OpenAsync();
        var line = new BillingLine
        {
            BillingAccountId = "0100AA-BBBBBB-CCCCCC",
            UsageStart = new DateTimeOffset(2026, 10, 3, 4, 0, 0, TimeSpan.Zero),
            UsageEnd = new DateTimeOffset(2026, 10, 3, 5, 0, 0, TimeSpan.Zero),
            InvoiceMonth = new InvoiceMonth(2026, 10),
            Currency = new Currency("EUR"),
            Cost = 12.345678901m,
            Credits = [new Credit(CreditType.SustainedUsageDiscount, -1.5m, "sud", "Sustained use", "id-1"), new Credit(CreditType.Promotion, -0.25m)],
            ProjectId = "project-id",
            ProjectName = "project-name",
            ServiceId = "service-id",
            ServiceDescription = "service-description",
            SkuId = "sku-id",
            SkuDescription = "sku-description",
            Region = "europe-west1",
            Zone = "europe-west1-b",
            ResourceName = "resource-name",
            ResourceGlobalName = "//resource/global-name",
            Labels = Labels.Of(("app", "checkout")),
            ProjectLabels = Labels.Of(("team", "payments")),
            SystemLabels = Labels.Of(("compute.googleapis.com/machine_spec", "e2-standard-4")),
            UsageAmount = 3600m,
            UsageUnit = "seconds",
            UsageAmountInPricingUnits = 1m,
            UsagePricingUnit = "hour",
            CostAtList = 13.5m,
            CurrencyConversionRate = 0.92m,
            CostType = "adjustment",
            ConsumptionModel = "consumption-model",
            AdjustmentDescription = "adjustment-description",
            ExportTime = new DateTimeOffset(2026, 10, 4, 1, 2, 3, TimeSpan.Zero),
            Source = new SourceRef("export.jsonl", 42),
        };
        await using (var load = await store.BeginBillingLoadAsync(["export.jsonl"], CancellationToken.None))
        {
            await load.AddAsync(line, CancellationToken.None);
            await load.CommitAsync(CancellationToken.None);
        }

        var back = await store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None).SingleAsync();

        Assert.Equal(line.Credits, back.Credits);
        Assert.Equal(line with { Credits = [] }, back with { Credits = [] });
    }

    [Fact]
    public async Task AllocationAndEfficiency_RoundTrip_EveryFieldKeepsItsOwnValue()
    {
        await using var store = await OpenAsync();
        var row = new AllocationRow
        {
            Day = Day, Currency = new Currency("EUR"), InvoiceMonth = new InvoiceMonth(2026, 10), Kind = CostKind.Overhead,
            Dimensions = new Dimensions
            {
                Service = "service", Team = "team", Environment = "environment", Project = "project", CloudService = "cloud-service",
                Sku = "sku", Region = "region", Cluster = "cluster", Namespace = "namespace", NodePool = "node-pool", Node = "node",
                Workload = "workload",
            },
            Rule = "rule", Missing = "missing", Cost = 2.5m, Credits = -0.75m,
        };
        var efficiency = new WorkloadEfficiency
        {
            Day = Day, Currency = new Currency("EUR"), Cluster = "cluster", Namespace = "namespace", Workload = "workload",
            Service = "service", Team = "team", Environment = "environment", CpuRequest = 1m, CpuUsage = 2m, MemoryRequest = 3m,
            MemoryUsage = 4m, Net = 5m, UnusedNet = 6m,
        };
        var billed = new BilledDay(Day, new Currency("EUR"), new InvoiceMonth(2026, 10), 2.5m, -0.75m);

        await store.ReplaceAllocationsAsync([Day], [row], [billed], [efficiency], CancellationToken.None);

        Assert.Equal(row, Assert.Single(await store.ReadAllocationsAsync(DateRange.Everything, CancellationToken.None)));
        Assert.Equal(efficiency, Assert.Single(await store.ReadEfficiencyAsync(DateRange.Everything, CancellationToken.None)));
        Assert.Equal(billed, Assert.Single(await store.ReadBilledDaysAsync(DateRange.Everything, CancellationToken.None)));
    }

    [Fact]
    public async Task FixedShares_RoundTripApartFromTheBill_ReplacedWithTheirDay()
    {
        await using var store = await OpenAsync();
        var billedRow = new AllocationRow
        {
            Day = Day, Currency = Currency.Usd, InvoiceMonth = InvoiceMonth.Of(Day), Kind = CostKind.Allocated,
            Dimensions = new Dimensions { Service = "web", CloudService = "Compute Engine", Sku = "E2 Instance Core" }, Cost = 3m, Credits = 0m,
        };
        var fixedShare = billedRow with
        {
            Kind = CostKind.Fixed, Dimensions = billedRow.Dimensions with { CloudService = "(fixed amounts)", Sku = "support", Cluster = "prod" },
            Rule = "fixed amount support: 1000.00 USD a month by even, cluster prod", Cost = 32.26m,
        };
        var billed = new BilledDay(Day, Currency.Usd, InvoiceMonth.Of(Day), 3m, 0m);

        await store.ReplaceAllocationsAsync([Day], [billedRow], [billed], [], [fixedShare], CancellationToken.None);

        Assert.Equal(billedRow, Assert.Single(await store.ReadAllocationsAsync(DateRange.Everything, CancellationToken.None)));
        Assert.Equal(fixedShare, Assert.Single(await store.ReadFixedSharesAsync(DateRange.Everything, CancellationToken.None)));
        await store.ReplaceAllocationsAsync([Day], [billedRow], [billed], CancellationToken.None);
        Assert.Empty(await store.ReadFixedSharesAsync(DateRange.Everything, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.ReplaceAllocationsAsync([Day], [], [], [], [billedRow], CancellationToken.None));
    }

    private static Task<CostStore> OpenAsync() =>
        CostStore.OpenAsync(Path.Combine(Directory.CreateTempSubdirectory("costs-records-").FullName, "s.db"), TimeProvider.System,
            CancellationToken.None);
}
