using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Tests.Store;

/// <summary>
/// A store written with migration 0014's compact rows (dictionary ids, nano-units) reads exactly as it did
/// once migration 0015 has moved its lines to shapes, and its days' sums are made on first use.
/// </summary>
public class LineShapeMigrationTests
{
    // Rows as migration 0014's billing_line held them: two lines of one shape on 2026-10-03 (one credit
    // each), one on 2026-10-04 of another account with an amount kept as exact text (more than nine
    // decimal places) and two credits whose amounts are listed.
    private const string CompactRows = """
        INSERT INTO dictionary (id, text) VALUES (1, 'ACC-1'), (2, 'EUR'), (3, 'shop-prod'), (4, 'svc'), (5, 'Compute Engine'),
            (6, 'sku-1'), (7, 'N2 Instance Core running in Belgium'), (8, 'europe-west1'), (9, 'vm-1'), (10, '{"app":"checkout"}'),
            (11, 'hour'), (12, 'regular'), (13, 'a.jsonl'), (14, 'ACC-2'),
            (15, '[{"type":"SUSTAINED_USAGE_DISCOUNT","name":"sud"}]'),
            (16, '[{"type":"SUSTAINED_USAGE_DISCOUNT","name":"sud"},{"type":"PROMOTION","name":"promo","id":"p"}]');
        INSERT INTO load (id, started_at, sources, line_count, reject_count, day_count) VALUES (1, '2026-11-01T00:00:00Z', 'a.jsonl', 3, 0, 2);
        INSERT INTO billing_line (id, load_id, usage_day, account, usage_start, usage_end, invoice_month, currency, cost, credit_total,
            credits, credit_amounts, project_id, service_id, service_description, sku_id, sku_description, region, resource_name,
            labels, usage_pricing_amount, usage_pricing_unit, cost_type, source_file, source_line)
        VALUES
        (1, 1, 739891, 1, 1791000000, 1791003600, 202610, 2, 1500000000, -250000000, 15, NULL, 3, 4, 5, 6, 7, 8, 9, 10, 1, 11, 12, 13, 1),
        (2, 1, 739891, 1, 1791003600, 1791007200, 202610, 2, 2250000000, -750000000, 15, NULL, 3, 4, 5, 6, 7, 8, 9, 10, 1, 11, 12, 13, 2),
        (3, 1, 739892, 14, 1791086400, 1791090000, 202610, 2, '0.1000000000001', -750000000, 16, '-0.5 -0.25', 3, 4, 5, 6, 7, 8, NULL, NULL, NULL, NULL, 12, 13, 3);
        INSERT INTO billing_day (day, account, line_count) VALUES ('2026-10-03', 'ACC-1', 2), ('2026-10-04', 'ACC-2', 1);
        """;

    [Fact]
    public async Task OpenAsync_StoreBeforeMigration15_ReadsIdenticallyAndSumsItsDaysOnce()
    {
        var path = await StoreAt14Async();

        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        var lines = await store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None).ToListAsync();
        var groups = await store.ReadBillingGroupsAsync(DateRange.Everything, _ => false, CancellationToken.None).ToListAsync();

        Assert.Equal(Expected(), lines.Select(l => l with { Credits = [] }));
        Assert.Equal([new Credit(CreditType.SustainedUsageDiscount, -0.25m, "sud")], lines[0].Credits);
        Assert.Equal([new Credit(CreditType.SustainedUsageDiscount, -0.75m, "sud")], lines[1].Credits);
        Assert.Equal([new Credit(CreditType.SustainedUsageDiscount, -0.5m, "sud"), new Credit(CreditType.Promotion, -0.25m, "promo", null, "p")],
            lines[2].Credits);
        Assert.Equal([(new DateOnly(2026, 10, 3), 3.75m, -1m, 2L), (new DateOnly(2026, 10, 4), 0.1000000000001m, -0.75m, 1L)],
            groups.Select(g => (g.Shape.UsageDay, g.Cost, g.Credits, g.LineCount)));
        await using var check = new SqliteConnection($"Data Source={path};Pooling=false");
        Assert.Equal(2, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM billing_day WHERE grouped = 1"));
        Assert.Equal(1, await check.ExecuteScalarAsync<long>("SELECT count(DISTINCT shape) FROM billing_line WHERE id >> 32 = 739891"));
    }

    [Fact]
    public async Task BillingLoad_AfterMigration15_ReplacesOneAccountsDayAndLeavesTheOther()
    {
        var path = await StoreAt14Async();
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        var line = Expected()[0] with { Cost = 2m, Credits = [], Source = new SourceRef("b.jsonl", 1) };

        await using (var load = await store.BeginBillingLoadAsync(["b.jsonl"], CancellationToken.None))
        {
            await load.AddAsync(line, CancellationToken.None);
            await load.CommitAsync(CancellationToken.None);
        }

        var lines = await store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None).ToListAsync();
        Assert.Equal([line, Expected()[2]], lines.Select(l => l with { Credits = [] }));
        var groups = await store.ReadBillingGroupsAsync(DateRange.Everything, _ => false, CancellationToken.None).ToListAsync();
        Assert.Equal([2m, 0.1000000000001m], groups.Select(g => g.Cost));
    }

    private static BillingLine[] Expected()
    {
        var shape = new BillingLine
        {
            BillingAccountId = "ACC-1",
            UsageStart = DateTimeOffset.FromUnixTimeSeconds(1791000000),
            UsageEnd = DateTimeOffset.FromUnixTimeSeconds(1791003600),
            InvoiceMonth = new InvoiceMonth(2026, 10), Currency = new Currency("EUR"), Cost = 1.5m,
            ProjectId = "shop-prod", ServiceId = "svc", ServiceDescription = "Compute Engine", SkuId = "sku-1",
            SkuDescription = "N2 Instance Core running in Belgium", Region = "europe-west1", ResourceName = "vm-1",
            Labels = Labels.Of(("app", "checkout")), UsageAmountInPricingUnits = 1m, UsagePricingUnit = "hour", CostType = "regular",
            Source = new SourceRef("a.jsonl", 1),
        };
        return
        [
            shape,
            shape with
            {
                UsageStart = DateTimeOffset.FromUnixTimeSeconds(1791003600), UsageEnd = DateTimeOffset.FromUnixTimeSeconds(1791007200),
                Cost = 2.25m, Source = new SourceRef("a.jsonl", 2),
            },
            shape with
            {
                BillingAccountId = "ACC-2", UsageStart = DateTimeOffset.FromUnixTimeSeconds(1791086400),
                UsageEnd = DateTimeOffset.FromUnixTimeSeconds(1791090000), Cost = 0.1000000000001m, ResourceName = null,
                Labels = Labels.Empty, UsageAmountInPricingUnits = null, UsagePricingUnit = null, Source = new SourceRef("a.jsonl", 3),
            },
        ];
    }

    /// <summary>A store with migrations 0001–0014 only, holding rows as 0014's code wrote them.</summary>
    private static Task<string> StoreAt14Async() => OldStore.CreateAsync(15, CompactRows);
}
