using Costs.CostModel.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Tests.Store;

public class CostStoreTests
{
    [Fact]
    public async Task OpenAsync_Twice_AppliesEachMigrationOnce()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-test-").FullName, "s.db");
        await (await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None)).DisposeAsync();
        await (await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None)).DisposeAsync();
        await using var c = new SqliteConnection($"Data Source={path};Pooling=false");
        var versions = (await c.QueryAsync<long>("SELECT version FROM schema_migration ORDER BY version")).ToList();
        Assert.Equal(versions.Distinct().Count(), versions.Count);
        Assert.Equal(Sql.Migrations().Select(m => (long)m.Version), versions);
        Assert.Contains(1L, versions);
    }

    [Fact]
    public async Task BillingLoad_DisposedWithoutCommit_LeavesNothing()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-test-").FullName, "s.db");
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await using (var load = await store.BeginBillingLoadAsync(["x"], CancellationToken.None))
        {
            await load.AddAsync(new Billing.BillingLine
            {
                BillingAccountId = "A",
                UsageStart = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
                UsageEnd = new DateTimeOffset(2026, 10, 1, 1, 0, 0, TimeSpan.Zero),
                InvoiceMonth = new Time.InvoiceMonth(2026, 10),
                Currency = CostModel.Money.Currency.Usd,
                Cost = 1m,
            }, CancellationToken.None);
        }
        Assert.Empty(await store.BillingDaysAsync(Time.DateRange.Everything, CancellationToken.None));
    }
}
