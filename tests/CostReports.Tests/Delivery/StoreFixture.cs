using Costs.CostModel.Store;
using Costs.CostReports.Delivery;

namespace Costs.CostReports.Tests.Delivery;

/// <summary>A real SQLite store in a temp directory, migrated, with its delivery ledger.</summary>
internal sealed class StoreFixture : IAsyncDisposable
{
    public string Directory { get; }
    public CostStore Store { get; private set; } = null!;
    public DeliveryLedger Ledger => Store.Deliveries;
    private readonly List<CostStore> _reopened = [];

    private StoreFixture(string dir) => Directory = dir;

    public static async Task<StoreFixture> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "costs-delivery-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var f = new StoreFixture(dir);
        f.Store = await CostStore.OpenAsync(Path.Combine(dir, "costs.db"), TimeProvider.System, CancellationToken.None);
        return f;
    }

    /// <summary>The ledger of a second store on the same file, as a re-run (a new process) would open it.</summary>
    public async Task<DeliveryLedger> ReopenLedgerAsync()
    {
        var store = await CostStore.OpenAsync(Store.Path, TimeProvider.System, CancellationToken.None);
        _reopened.Add(store);
        return store.Deliveries;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _reopened) await s.DisposeAsync();
        await Store.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
