using Costs.CostModel.Store;
using Costs.CostReports.Delivery;

namespace Costs.CostReports.Tests.Delivery;

/// <summary>A real SQLite store in a temp directory, migrated, with its delivery ledger.</summary>
internal sealed class StoreFixture : IAsyncDisposable
{
    public string Directory { get; }
    public CostStore Store { get; private set; } = null!;
    public DeliveryLedger Ledger { get; private set; } = null!;

    private StoreFixture(string dir) => Directory = dir;

    public static async Task<StoreFixture> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "costs-delivery-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var f = new StoreFixture(dir);
        f.Store = await CostStore.OpenAsync(Path.Combine(dir, "costs.db"), TimeProvider.System, CancellationToken.None);
        f.Ledger = await DeliveryLedger.OpenAsync(f.Store, TimeProvider.System, CancellationToken.None);
        return f;
    }

    /// <summary>A second ledger on the same file, as a re-run (a new process) would open it.</summary>
    public Task<DeliveryLedger> ReopenLedgerAsync() => DeliveryLedger.OpenAsync(Store, TimeProvider.System, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync();
        await Store.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
