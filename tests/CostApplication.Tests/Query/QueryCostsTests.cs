using Costs.CostApplication.Query;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostApplication.Tests.Query;

/// <summary>The query use case on a real store holding one hand-made day of allocation.</summary>
public sealed class QueryCostsTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 10, 5);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "costs-query-" + Guid.NewGuid().ToString("N"));
    private CostStore _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _store = await CostStore.OpenAsync(Path.Combine(_dir, "costs.db"), TimeProvider.System, CancellationToken.None);
        //  kind         service    environment   net
        //  allocated    web        production    10.00
        //  overhead     kube-dns   production     2.00   (a kube-system pod: named after its workload, yet overhead)
        //  idle         -          production     3.00
        //  unallocated  -          -              1.00   (node not sampled that hour)
        AllocationRow[] rows =
        [
            Row(CostKind.Allocated, "web", 10m),
            Row(CostKind.Overhead, "kube-dns", 2m),
            Row(CostKind.Idle, null, 3m),
            Row(CostKind.Unallocated, null, 1m) with { Dimensions = new Dimensions { CloudService = "Compute Engine" } },
        ];
        await _store.ReplaceAllocationsAsync([Day], rows, [new BilledDay(Day, Currency.Usd, InvoiceMonth.Of(Day), 16m, 0m)], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RunAsync_ByService_IdleAndOverheadNamedByKindNotByWorkload()
    {
        var result = await new QueryCosts(_store).RunAsync([GroupDimension.Service], DateRange.Everything, null, CancellationToken.None);

        var byName = result.Groups.ToDictionary(g => g.Values[0] ?? "", g => g.Totals.Net);
        Assert.Equal(new Dictionary<string, decimal>
        {
            ["web"] = 10m, [KindLabels.Overhead] = 2m, [KindLabels.Idle] = 3m, [KindLabels.Unallocated] = 1m,
        }, byName);
    }

    [Fact]
    public async Task RunAsync_ByEnvironment_IdleAndOverheadApartFromTheEnvironment()
    {
        var result = await new QueryCosts(_store).RunAsync([GroupDimension.Environment], DateRange.Everything, null, CancellationToken.None);

        var byName = result.Groups.ToDictionary(g => g.Values[0] ?? "", g => g.Totals.Net);
        Assert.Equal(new Dictionary<string, decimal>
        {
            ["production"] = 10m, [KindLabels.Overhead] = 2m, [KindLabels.Idle] = 3m, [KindLabels.Unallocated] = 1m,
        }, byName);
        Assert.Equal(16m, result.Total.Net);
    }

    private static AllocationRow Row(CostKind kind, string? service, decimal cost) => new()
    {
        Day = Day,
        Currency = Currency.Usd,
        InvoiceMonth = InvoiceMonth.Of(Day),
        Kind = kind,
        Dimensions = new Dimensions { Service = service, Environment = "production", Cluster = "prod", CloudService = "Compute Engine" },
        Cost = cost,
        Credits = 0m,
    };
}
