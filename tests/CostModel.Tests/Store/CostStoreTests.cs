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
    public async Task OpenAsync_StoreBeforeMigration8_DeliveryRowsKeptAndUnknownStateAccepted()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-test-").FullName, "s.db");
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await old.ExecuteAsync("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
            foreach (var (version, name, text) in Sql.Migrations().Where(m => m.Version < 8))
            {
                await old.ExecuteAsync(text);
                await old.ExecuteAsync("INSERT INTO schema_migration VALUES (@version, @name, '2026-11-01T00:00:00Z');", new { version, name });
            }
            await old.ExecuteAsync("""
                INSERT INTO delivery VALUES ('budget:team=a:2026-11:90', 'slack', 'sent', 1, '2026-11-01T00:00:00Z', '2026-11-01T00:00:01Z', 'HTTP 200');
                INSERT INTO delivery VALUES ('budget:team=b:2026-11:90', 'slack', 'pending', 2, '2026-11-01T00:00:00Z', '2026-11-01T00:00:01Z', NULL);
                """);
        }

        await (await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None)).DisposeAsync();

        await using var c = new SqliteConnection($"Data Source={path};Pooling=false");
        var rows = (await c.QueryAsync<(string Key, string State, long Attempts, string? Outcome)>(
            "SELECT key, state, attempts, outcome FROM delivery ORDER BY key")).ToList();
        Assert.Equal([("budget:team=a:2026-11:90", "sent", 1L, "HTTP 200"), ("budget:team=b:2026-11:90", "pending", 2L, null)], rows);
        Assert.Equal(1, await c.ExecuteAsync("UPDATE delivery SET state = 'unknown' WHERE key = 'budget:team=b:2026-11:90'"));
        await Assert.ThrowsAsync<SqliteException>(() => c.ExecuteAsync("UPDATE delivery SET state = 'lost'"));
    }

    [Fact]
    public async Task BillingLoad_DisposedWithoutCommit_LeavesNothing()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-test-").FullName, "s.db");
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await using (var load = await store.BeginBillingLoadAsync(["x"], CancellationToken.None))
        {
            await load.AddAsync(OneLine(), CancellationToken.None);
        }
        Assert.Empty(await store.BillingDaysAsync(Time.DateRange.Everything, CancellationToken.None));
    }

    [Fact]
    public async Task OpenSecondConnectionAsync_AfterALoad_ReadsTheCommittedLinesBesideTheFirst()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-test-").FullName, "s.db");
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await using (var load = await store.BeginBillingLoadAsync(["x"], CancellationToken.None))
        {
            await load.AddAsync(OneLine(), CancellationToken.None);
            await load.CommitAsync(CancellationToken.None);
        }

        await using var second = await store.OpenSecondConnectionAsync(CancellationToken.None);

        Assert.False(second.IsReadOnly);
        Assert.Equal(store.Path, second.Path);
        Assert.Equal([new DateOnly(2026, 10, 1)], await second.BillingDaysAsync(Time.DateRange.Everything, CancellationToken.None));
        Assert.Equal([new DateOnly(2026, 10, 1)], await store.BillingDaysAsync(Time.DateRange.Everything, CancellationToken.None));
    }

    [Fact]
    public async Task OpenSecondConnectionAsync_WhileALoadIsOpen_Refused()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-test-").FullName, "s.db");
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await using var load = await store.BeginBillingLoadAsync(["x"], CancellationToken.None);
        await load.AddAsync(OneLine(), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.OpenSecondConnectionAsync(CancellationToken.None));
        Assert.Contains("billing load is open", ex.Message, StringComparison.Ordinal);
    }

    private static Billing.BillingLine OneLine() => new()
    {
        BillingAccountId = "A",
        UsageStart = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
        UsageEnd = new DateTimeOffset(2026, 10, 1, 1, 0, 0, TimeSpan.Zero),
        InvoiceMonth = new Time.InvoiceMonth(2026, 10),
        Currency = CostModel.Money.Currency.Usd,
        Cost = 1m,
    };
}
