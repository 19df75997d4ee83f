using System.Globalization;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Tests.Store;

/// <summary>
/// A store whose allocation rows and fixed shares were written as text (migrations 0002, 0007, 0012) reads back
/// the same rows, in the same order and with the same decimal scales, once migration 0018 has made them compact;
/// and the analysis writing those rows again stores exactly what the migration stored.
/// </summary>
public class AllocationMigrationTests
{
    // Rows as the text tables held them, inserted out of order. They cover nulls against empty texts, texts
    // that sort differently in UTF-16 and UTF-8 (U+FFFD against U+1F600), trailing zeros (33.382080), a
    // negative amount, a zero with a scale, an amount too long for the compact integer (kept as text), two
    // currencies and two invoice months of one day, and a second day.
    private const string TextRows = """
        INSERT INTO allocation (day, currency, invoice_month, kind, service, team, environment, project, cloud_service, sku,
            region, cluster, namespace, node_pool, node, workload, rule, missing, cost, credits) VALUES
        ('2026-10-04', 'USD', '202610', 'allocated', 'web', 'shop', 'prod', 'p1', 'Compute Engine', 'N2 Core', 'europe-west1',
            'prod-eu', 'shop', 'pool-a', 'node-1', 'web', 'service=k8s-label:app', '', '1.50', '-0.25'),
        ('2026-10-03', 'USD', '202610', 'unallocated', NULL, NULL, NULL, 'p1', 'Compute Engine', 'N2 Core', 'europe-west1',
            NULL, NULL, NULL, NULL, NULL, '', 'service: app', '33.382080', '-17.358624'),
        ('2026-10-03', 'USD', '202610', 'allocated', 'caf'||char(233), 'team-'||char(65533), 'prod', 'p1', 'Compute Engine', 'N2 Core',
            'europe-west1', 'prod-eu', 'shop', 'pool-a', NULL, 'web', 'service=label:app', '', '0.000', '0'),
        ('2026-10-03', 'USD', '202610', 'allocated', 'caf'||char(233), 'team-'||char(128512), 'prod', 'p1', 'Compute Engine', 'N2 Core',
            'europe-west1', 'prod-eu', 'shop', 'pool-a', NULL, 'web', 'service=label:app', '', '12345678901234567890.5', '-1'),
        ('2026-10-03', 'EUR', '202610', 'allocated', '', 'shop', 'prod', 'p1', 'Compute Engine', 'N2 Core', NULL,
            NULL, NULL, NULL, NULL, NULL, 'service=label:app', '', '7', '0'),
        ('2026-10-03', 'USD', '202609', 'allocated', '', 'shop', 'prod', 'p1', 'Compute Engine', 'N2 Core', NULL,
            NULL, NULL, NULL, NULL, NULL, 'service=label:app', '', '0.0000000001', '-0.0000000001'),
        ('2026-10-03', 'USD', '202610', 'idle', NULL, NULL, NULL, 'p1', 'Compute Engine', 'N2 Core', 'europe-west1', 'prod-eu',
            NULL, 'pool-a', 'node-1', NULL, 'idle', '', '2.5', '0');
        INSERT INTO fixed_share (day, currency, invoice_month, kind, service, team, environment, project, cloud_service, sku,
            region, cluster, namespace, node_pool, node, workload, rule, missing, cost, credits) VALUES
        ('2026-10-03', 'USD', '202610', 'fixed', 'web', 'shop', 'prod', NULL, 'Support', 'support', NULL, NULL, NULL, NULL, NULL, NULL,
            'fixed amount support 3000.00 USD a month', '', '96.774193', '0');
        """;

    private const string OldOrder = """
        ORDER BY day, kind, service, team, environment, project, cloud_service, sku, region, cluster,
                 namespace, node_pool, node, workload, rule, missing, invoice_month, currency
        """;

    [Fact]
    public async Task OpenAsync_StoreBeforeMigration18_ReadsTheSameRowsInTheSameOrder()
    {
        var path = await OldStore.CreateAsync(18, TextRows);
        var allocations = await OldRowsAsync(path, "allocation");
        var shares = await OldRowsAsync(path, "fixed_share");

        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);

        Assert.Equal(allocations, (await store.ReadAllocationsAsync(DateRange.Everything, CancellationToken.None)).Select(AsText));
        Assert.Equal(shares, (await store.ReadFixedSharesAsync(DateRange.Everything, CancellationToken.None)).Select(AsText));
        Assert.Equal(allocations.Where(r => r.StartsWith("2026-10-04", StringComparison.Ordinal)),
            (await store.ReadAllocationsAsync(new DateRange(new DateOnly(2026, 10, 4), new DateOnly(2026, 10, 5)), CancellationToken.None)).Select(AsText));
    }

    [Fact]
    public async Task ReplaceAllocationsAsync_RowsOfAMigratedStore_StoresWhatTheMigrationStored()
    {
        var path = await OldStore.CreateAsync(18, TextRows);
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        var migrated = await TablesAsync(path);
        var rows = await store.ReadAllocationsAsync(DateRange.Everything, CancellationToken.None);
        var shares = await store.ReadFixedSharesAsync(DateRange.Everything, CancellationToken.None);
        var days = rows.Select(r => r.Day).Distinct().ToList();

        // Written again in another order: the store sorts each day's rows itself.
        await store.ReplaceAllocationsAsync(days, rows.Reverse(), [], [], shares, CancellationToken.None);

        Assert.Equal(migrated, await TablesAsync(path));
        Assert.Contains("|text", migrated, StringComparison.Ordinal);
    }

    /// <summary>A row as the text columns held it (and as the reader before 0018 returned it), one string.</summary>
    private static string AsText(AllocationRow r)
    {
        var d = r.Dimensions;
        string?[] values =
        [
            StoreText.Day(r.Day), r.Currency.Code, r.InvoiceMonth.ToString(), r.Kind.ToText(), d.Service, d.Team, d.Environment,
            d.Project, d.CloudService, d.Sku, d.Region, d.Cluster, d.Namespace, d.NodePool, d.Node, d.Workload, r.Rule, r.Missing,
            r.Cost.ToString(CultureInfo.InvariantCulture), r.Credits.ToString(CultureInfo.InvariantCulture),
        ];
        return string.Join('|', values.Select(v => v ?? "<null>"));
    }

    private static async Task<List<string>> OldRowsAsync(string path, string table)
    {
        await using var old = new SqliteConnection($"Data Source={path};Pooling=false");
        var rows = await old.QueryAsync($"""
            SELECT day, currency, invoice_month, kind, service, team, environment, project, cloud_service, sku, region, cluster,
                   namespace, node_pool, node, workload, rule, missing, cost, credits
            FROM {table} {OldOrder}
            """);
        var texts = rows.Select(r => string.Join('|', ((IDictionary<string, object?>)r).Values.Select(v => v as string ?? "<null>"))).ToList();
        Assert.NotEmpty(texts);
        return texts;
    }

    /// <summary>The compact tables' rows, each value with its storage class.</summary>
    private static async Task<string> TablesAsync(string path)
    {
        await using var c = new SqliteConnection($"Data Source={path};Pooling=false");
        var allocation = await c.QueryAsync<string>(
            "SELECT printf('%d|%d|%d|%d|%s|%s|%s|%s', id, shape, invoice_month, currency, cost, typeof(cost), credits, typeof(credits)) FROM allocation ORDER BY id");
        var shares = await c.QueryAsync<string>(
            "SELECT printf('%d|%d|%d|%d|%s|%s|%s|%s', id, shape, invoice_month, currency, cost, typeof(cost), credits, typeof(credits)) FROM fixed_share ORDER BY id");
        var shapes = await c.QueryAsync<string>("SELECT id || ':' || key FROM allocation_shape ORDER BY id");
        return string.Join('\n', allocation.Concat(["--"]).Concat(shares).Concat(["--"]).Concat(shapes));
    }
}
