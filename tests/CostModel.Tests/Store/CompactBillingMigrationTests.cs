using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Tests.Store;

/// <summary>
/// A store written before migration 0014 (billing lines as text, labels and credits as JSON per line)
/// reads exactly as it did once upgraded, and new loads into it replace its days as before.
/// </summary>
public class CompactBillingMigrationTests
{
    // The billing_line insert of migrations 0001–0013, as a store of that time wrote its rows.
    private const string OldInsert = """
        INSERT INTO load (id, started_at, sources, line_count, reject_count, day_count) VALUES (1, '2026-11-01T00:00:00Z', 'old.jsonl', 3, 0, 2);
        INSERT INTO billing_line (load_id, account_id, usage_day, usage_start, usage_end, invoice_month, currency, cost, credits,
            credit_total, project_id, project_name, service_id, service_description, sku_id, sku_description, region, zone,
            resource_name, resource_global_name, labels, project_labels, system_labels, usage_amount, usage_unit,
            usage_pricing_amount, usage_pricing_unit, cost_at_list, conversion_rate, cost_type, consumption_model, adjustment,
            export_time, source_file, source_line)
        VALUES
        (1, 'ACC-1', '2026-10-03', '2026-10-03T04:00:00.0000000+00:00', '2026-10-03T05:00:00.0000000+00:00', '202610', 'EUR',
         '12.345678901', '[{"type":"SUSTAINED_USAGE_DISCOUNT","amount":"-1.5","name":"sud","full_name":"Sustained use","id":"id-1"},{"type":"PROMOTION","amount":"-0.25"}]',
         '-1.75', 'shop-prod', 'Shop', 'svc', 'Compute Engine', 'sku-1', 'N2 Core', 'europe-west1', 'europe-west1-b',
         'vm-1', '//compute/vm-1', '{"app":"checkout"}', '{"team":"payments"}', '{"machine":"n2"}', '3600', 'seconds',
         '1', 'hour', '13.5', '0.92', 'regular', NULL, NULL, '2026-10-04T01:02:03.0000000+00:00', 'old.jsonl', 1),
        (1, 'ACC-1', '2026-10-03', '2026-10-03T05:00:00.0000000+00:00', '2026-10-03T06:00:00.0000000+00:00', '202610', 'EUR',
         '123456789012345.123456789012', '[]', '0', NULL, NULL, 'svc2', 'Support', 'sku-2', 'Fee', NULL, NULL,
         NULL, NULL, '{}', '{}', '{}', NULL, NULL, NULL, NULL, NULL, NULL, 'tax', 'model', 'adjusted', NULL, NULL, NULL),
        (1, 'ACC-2', '2026-10-04', '2026-10-04T00:00:00.5000000+00:00', '2026-10-04T01:00:00.0000000+00:00', '202610', 'EUR',
         '0.1', '[]', '0', 'shop-prod', 'Shop', 'svc', 'Compute Engine', 'sku-1', 'N2 Core', 'europe-west1', NULL,
         NULL, NULL, '{"app":"checkout"}', '{}', '{}', '0.000000000001', 'seconds', NULL, NULL, NULL, NULL, 'regular', NULL, NULL,
         NULL, 'old.jsonl', 3);
        INSERT INTO billed_day (day, currency, invoice_month, cost, credits) VALUES ('2026-10-03', 'EUR', '202610', '123456789012357.469135690012', '-1.75');
        """;

    [Fact]
    public async Task OpenAsync_StoreBeforeMigration14_ReadsIdentically()
    {
        var path = await OldStoreAsync();

        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        var lines = await store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None).ToListAsync();

        Assert.Equal(3, lines.Count);
        Assert.Equal(Expected(), lines.Select(l => l with { Credits = [] }));
        Assert.Equal([new Credit(CreditType.SustainedUsageDiscount, -1.5m, "sud", "Sustained use", "id-1"), new Credit(CreditType.Promotion, -0.25m)],
            lines[0].Credits);
        Assert.Empty(lines[1].Credits);
        Assert.Equal([new DateOnly(2026, 10, 3), new DateOnly(2026, 10, 4)], await store.BillingDaysAsync(DateRange.Everything, CancellationToken.None));
        Assert.Equal([new DateOnly(2026, 10, 4)], await store.UnanalyzedDaysAsync(CancellationToken.None));
    }

    [Fact]
    public async Task BillingLoad_AfterMigration14_ReplacesTheOldRowsOfItsDay()
    {
        var path = await OldStoreAsync();
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        var line = Expected()[0] with { Cost = 2m, Credits = [] };

        await using (var load = await store.BeginBillingLoadAsync(["new.jsonl"], CancellationToken.None))
        {
            await load.AddAsync(line, CancellationToken.None);
            await load.CommitAsync(CancellationToken.None);
        }

        var lines = await store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None).ToListAsync();
        Assert.Equal([line, Expected()[2]], lines);
        Assert.Equal([new DateOnly(2026, 10, 3), new DateOnly(2026, 10, 4)], await store.UnanalyzedDaysAsync(CancellationToken.None));
    }

    private static BillingLine[] Expected() =>
    [
        new()
        {
            BillingAccountId = "ACC-1",
            UsageStart = new DateTimeOffset(2026, 10, 3, 4, 0, 0, TimeSpan.Zero),
            UsageEnd = new DateTimeOffset(2026, 10, 3, 5, 0, 0, TimeSpan.Zero),
            InvoiceMonth = new InvoiceMonth(2026, 10), Currency = new Currency("EUR"), Cost = 12.345678901m,
            ProjectId = "shop-prod", ProjectName = "Shop", ServiceId = "svc", ServiceDescription = "Compute Engine",
            SkuId = "sku-1", SkuDescription = "N2 Core", Region = "europe-west1", Zone = "europe-west1-b",
            ResourceName = "vm-1", ResourceGlobalName = "//compute/vm-1",
            Labels = Labels.Of(("app", "checkout")), ProjectLabels = Labels.Of(("team", "payments")), SystemLabels = Labels.Of(("machine", "n2")),
            UsageAmount = 3600m, UsageUnit = "seconds", UsageAmountInPricingUnits = 1m, UsagePricingUnit = "hour",
            CostAtList = 13.5m, CurrencyConversionRate = 0.92m, CostType = "regular",
            ExportTime = new DateTimeOffset(2026, 10, 4, 1, 2, 3, TimeSpan.Zero), Source = new SourceRef("old.jsonl", 1),
        },
        new()
        {
            BillingAccountId = "ACC-1",
            UsageStart = new DateTimeOffset(2026, 10, 3, 5, 0, 0, TimeSpan.Zero),
            UsageEnd = new DateTimeOffset(2026, 10, 3, 6, 0, 0, TimeSpan.Zero),
            InvoiceMonth = new InvoiceMonth(2026, 10), Currency = new Currency("EUR"), Cost = 123456789012345.123456789012m,
            ServiceId = "svc2", ServiceDescription = "Support", SkuId = "sku-2", SkuDescription = "Fee",
            CostType = "tax", ConsumptionModel = "model", AdjustmentDescription = "adjusted",
        },
        new()
        {
            BillingAccountId = "ACC-2",
            UsageStart = new DateTimeOffset(2026, 10, 4, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(500),
            UsageEnd = new DateTimeOffset(2026, 10, 4, 1, 0, 0, TimeSpan.Zero),
            InvoiceMonth = new InvoiceMonth(2026, 10), Currency = new Currency("EUR"), Cost = 0.1m,
            ProjectId = "shop-prod", ProjectName = "Shop", ServiceId = "svc", ServiceDescription = "Compute Engine",
            SkuId = "sku-1", SkuDescription = "N2 Core", Region = "europe-west1", Labels = Labels.Of(("app", "checkout")),
            UsageAmount = 0.000000000001m, UsageUnit = "seconds", CostType = "regular", Source = new SourceRef("old.jsonl", 3),
        },
    ];

    /// <summary>A store with migrations 0001–0013 only, and rows as the code of that time wrote them.</summary>
    private static Task<string> OldStoreAsync() => OldStore.CreateAsync(14, OldInsert);
}
