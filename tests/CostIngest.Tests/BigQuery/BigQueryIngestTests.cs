using System.Globalization;
using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Google;
using Costs.CostIngest.Tests.Fakes;
using Costs.CostModel.Billing;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostIngest.Tests.BigQuery;

public class BigQueryIngestTests
{
    // Today is 2026-10-20 (UTC). The fake export holds Oct 1..20; each usage day's rows sit in the
    // partition of that day, exported at 04:00 the same day.
    private static readonly DateTimeOffset Now = new(2026, 10, 20, 6, 0, 0, TimeSpan.Zero);

    private static DateOnly Oct(int d) => new(2026, 10, d);

    private static IEnumerable<FakeExportRow> Day(int d, string cost = "1.250000000", DateTimeOffset? export = null, int? partition = null)
    {
        var start = new DateTimeOffset(2026, 10, d, 0, 0, 0, TimeSpan.Zero);
        var exported = export ?? start.AddHours(4);
        var p = Oct(partition ?? d);
        yield return new FakeExportRow
        {
            PartitionDay = p, UsageStart = start, ExportTime = exported, Cost = cost, CostAtList = "2.000000000",
            ResourceName = "gke-prod-default-pool-4658d5d4-p39c",
            Labels = [("goog-k8s-cluster-name", "prod"), ("team", "payments"), ("not-kept", "x")],
            Credits = [("SUSTAINED_USAGE_DISCOUNT", "-0.250000000")],
        };
        yield return new FakeExportRow
        {
            PartitionDay = p, UsageStart = start.AddHours(1), ExportTime = exported, Cost = "0.333333333",
            SkuId = "F449-33EC-A5EF", SkuDescription = "E2 Instance Ram running in Americas",
            Labels = [("app", "checkout")],
        };
    }

    private static void Seed(FakeBigQuery fake)
    {
        for (var d = 1; d <= 20; d++) fake.Rows.AddRange(Day(d));
    }

    private static async Task<List<string>> Lines(CostStore store)
    {
        var list = new List<string>();
        await foreach (var l in store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None)) list.Add(Canonical(l));
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static string Canonical(BillingLine l) => string.Join("|",
        l.BillingAccountId, l.UsageStart.ToString("O", CultureInfo.InvariantCulture), l.UsageEnd.ToString("O", CultureInfo.InvariantCulture),
        l.InvoiceMonth, l.Currency, l.Cost, l.CostAtList, string.Join(";", l.Credits.Select(c => $"{c.Type}={c.Amount}")),
        l.ProjectId, l.ServiceId, l.SkuId, l.Region, l.ResourceName, l.Labels.ToJson(), l.CostType, l.ConsumptionModel,
        l.UsageAmount, l.ExportTime?.ToString("O", CultureInfo.InvariantCulture));

    [Fact]
    public async Task RunAsync_FirstRun_BackfillsAndEveryQueryRestrictsPartitionTime()
    {
        await using var h = await Harness.StartAsync(Now);
        Seed(h.Fake);
        var store = await h.StoreAsync();

        var result = await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        Assert.Equal(PullReason.Backfill, result.Reason);
        Assert.Equal(Enumerable.Range(1, 20).Select(Oct), result.ReplacedDays);
        Assert.Equal(40, result.Lines);
        Assert.Equal(10, result.PartitionsChecked);
        Assert.All(h.Fake.Queries, q =>
        {
            Assert.Contains("_PARTITIONTIME >= TIMESTAMP(@partition_start)", q.Sql);
            Assert.Contains("_PARTITIONTIME < TIMESTAMP(@partition_end)", q.Sql);
            Assert.Contains("`" + Harness.Table + "`", q.Sql);
            Assert.DoesNotContain("{{", q.Sql);
            Assert.Equal("EU", q.Location);
        });
        var check = h.Fake.Queries[0];
        Assert.Equal("partitions", check.Kind);
        Assert.Equal("2026-10-11", check.Scalars["partition_start"]);
        Assert.Equal("2026-10-21", check.Scalars["partition_end"]);
        var pull = h.Fake.Queries[1];
        Assert.Equal("billing_lines", pull.Kind);
        Assert.Equal("2026-09-30", pull.Scalars["partition_start"]);
        Assert.Equal("2026-10-21", pull.Scalars["partition_end"]);
        Assert.Equal("hour", pull.Scalars["granularity"]);
        Assert.Equal(Enumerable.Range(1, 20).Select(d => Oct(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), pull.Arrays["usage_days"]);
        Assert.Equal(BigQueryOptions.DefaultLabelKeys.Order(StringComparer.Ordinal), pull.Arrays["label_keys"]);
        Assert.Empty(pull.Arrays["label_prefixes"]);
        Assert.Contains("resource.name", pull.Sql);
        Assert.Contains("consumption_model.id", pull.Sql);
        Assert.Contains("CAST(cost AS NUMERIC)", pull.Sql);
        Assert.DoesNotContain("AS FLOAT64", pull.Sql);
        Assert.Contains("SUM(cost) AS cost", pull.Sql);
    }

    [Fact]
    public async Task RunAsync_DailyRun_EveryQueryScansOnlyTheRestatementWindow()
    {
        await using var h = await Harness.StartAsync(Now);
        Seed(h.Fake);
        var store = await h.StoreAsync();
        await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        // The next day's run: Oct 21's rows land in their partition, with a late correction of Oct 20.
        h.Clock.Now = Now.AddDays(1);
        h.Fake.Rows.AddRange(Day(21));
        h.Fake.Rows.Add(Day(20, cost: "-0.1", export: Now.AddDays(1).AddHours(-1), partition: 21).First() with { SkuId = "LATE", CostType = "adjustment" });
        h.Fake.Queries.Clear();
        var result = await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        Assert.Equal([Oct(20), Oct(21)], result.ReplacedDays);
        // Every file of sql/bigquery was sent, and every read of the export table in each is bounded by the
        // partition window: the filter follows the table at once, so no part of a query reads it unfiltered.
        var files = typeof(BigQueryIngest).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("sql/bigquery/", StringComparison.Ordinal)).ToList();
        Assert.Equal(files.Count, h.Fake.Queries.Select(q => q.Kind).Distinct().Count());
        Assert.DoesNotContain("unknown", h.Fake.Queries.Select(q => q.Kind));
        var filtered = "FROM `" + Harness.Table + "` WHERE _PARTITIONTIME >= TIMESTAMP(@partition_start) AND _PARTITIONTIME < TIMESTAMP(@partition_end)";
        var window = (Start: Oct(21).AddDays(-h.Options().CheckPartitionDays), EndExclusive: Oct(22));
        Assert.All(h.Fake.Queries, q =>
        {
            var sql = string.Join(' ', q.Sql.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(sql.Split("FROM `" + Harness.Table + "`").Length - 1, sql.Split(filtered).Length - 1);
            var start = DateOnly.ParseExact(q.Scalars["partition_start"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.InRange(start, window.Start, Oct(21));
            Assert.Equal(window.EndExclusive.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), q.Scalars["partition_end"]);
        });
        Assert.Equal("2026-10-19", h.Fake.Queries.Single(q => q.Kind == "billing_lines").Scalars["partition_start"]);
    }

    [Fact]
    public async Task RunAsync_LocationNotConfigured_TakenFromTheDatasetOnce()
    {
        await using var h = await Harness.StartAsync(Now);
        h.Fake.DatasetLocation = "europe-west1";
        h.Fake.Rows.AddRange(Day(20));
        var store = await h.StoreAsync();

        var result = await h.Ingest(h.Options(o => o.Location = null)).RunAsync(store, null, CancellationToken.None);

        Assert.Equal(2, result.Lines);
        Assert.Equal(["/bigquery/v2/projects/acme-billing/datasets/billing_export"], h.Fake.DatasetRequests);
        Assert.Equal(2, h.Fake.Queries.Count);
        Assert.All(h.Fake.Queries, q => Assert.Equal("europe-west1", q.Location));
    }

    [Fact]
    public async Task RunAsync_LocationConfigured_DatasetNotAsked()
    {
        await using var h = await Harness.StartAsync(Now);
        h.Fake.Rows.AddRange(Day(20));
        var store = await h.StoreAsync();

        await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        Assert.Empty(h.Fake.DatasetRequests);
        Assert.All(h.Fake.Queries, q => Assert.Equal("EU", q.Location));
    }

    [Fact]
    public async Task RunAsync_RowWithoutUsageStart_ReportedAsARejectNotDropped()
    {
        await using var h = await Harness.StartAsync(Now);
        h.Fake.Rows.AddRange(Day(20));
        h.Fake.Rows.Add(new FakeExportRow { PartitionDay = Oct(20), UsageStart = null, ExportTime = Now.AddHours(-2), Cost = "4.000000000" });
        var store = await h.StoreAsync();

        var result = await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        Assert.Contains("IGNORE NULLS", h.Fake.Queries[0].Sql, StringComparison.Ordinal);
        Assert.Equal(2, result.Lines);
        var partition = Assert.Single(result.WithoutUsageStart);
        Assert.Equal((Oct(20), 1L), (partition.PartitionDay, partition.RowsWithoutUsageStart));
        var reject = Assert.Single(await store.RejectsAsync(CancellationToken.None));
        Assert.Equal(("usage_start_time", $"bigquery:{Harness.Table} partition 2026-10-20"), (reject.Field, reject.File));
        Assert.Contains("1 row(s) have no usage_start_time", reject.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Decoded_LinesCarryKeptLabelsCreditsAndSource()
    {
        await using var h = await Harness.StartAsync(Now);
        h.Fake.Rows.AddRange(Day(20));
        var store = await h.StoreAsync();

        await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        var lines = new List<BillingLine>();
        await foreach (var l in store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None)) lines.Add(l);
        var node = lines.Single(l => l.SkuId == "CF4E-A0C7-E3BF");
        Assert.Equal(Labels.Of(("goog-k8s-cluster-name", "prod"), ("team", "payments")), node.Labels);
        Assert.Equal("gke-prod-default-pool-4658d5d4-p39c", node.ResourceName);
        Assert.Equal(1.25m, node.Cost);
        Assert.Equal(1.0m, node.Net);
        Assert.Equal(CreditType.SustainedUsageDiscount, node.Credits.Single().Type);
        Assert.Equal(new InvoiceMonth(2026, 10), node.InvoiceMonth);
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 1, 0, 0, TimeSpan.Zero), node.UsageEnd);
        Assert.Equal("bigquery:" + Harness.Table, node.Source!.File);
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 4, 0, 0, TimeSpan.Zero), node.ExportTime);
    }

    [Fact]
    public async Task RunAsync_TwoOfTenDaysRestated_RepullsExactlyThoseAndEqualsFreshLoad()
    {
        await using var h = await Harness.StartAsync(Now);
        Seed(h.Fake);
        var store = await h.StoreAsync();
        await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        // Google restates Oct 13 and Oct 17: new amounts, newer export_time, same partitions.
        var later = Now.AddHours(-1);
        h.Fake.Rows.RemoveAll(r => r.UsageDay == Oct(13) || r.UsageDay == Oct(17));
        h.Fake.Rows.AddRange(Day(13, cost: "9.870000001", export: later));
        h.Fake.Rows.AddRange(Day(17, cost: "0.000000001", export: later));
        h.Fake.Queries.Clear();

        var result = await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        Assert.Equal(PullReason.Changed, result.Reason);
        Assert.Equal([Oct(13), Oct(17)], result.PartitionsChanged);
        Assert.Equal([Oct(13), Oct(17)], result.ReplacedDays);
        var pull = h.Fake.Queries.Single(q => q.Kind == "billing_lines");
        Assert.Equal(["2026-10-13", "2026-10-17"], pull.Arrays["usage_days"]);
        Assert.Equal("2026-10-12", pull.Scalars["partition_start"]);

        var fresh = await h.StoreAsync("fresh.db");
        await h.Ingest(h.Options()).RunAsync(fresh, null, CancellationToken.None);
        Assert.Equal(await Lines(fresh), await Lines(store));

        // Nothing changed since: the next run checks partitions and pulls nothing.
        h.Fake.Queries.Clear();
        var idle = await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);
        Assert.Empty(idle.RequestedDays);
        Assert.Equal(["partitions"], h.Fake.Queries.Select(q => q.Kind));
    }

    [Fact]
    public async Task RunAsync_LateRowInLaterPartition_DayRepulledFromEveryPartition()
    {
        await using var h = await Harness.StartAsync(Now);
        Seed(h.Fake);
        // Oct 18 already has a late row in partition Oct 19.
        h.Fake.Rows.Add(Day(18, cost: "0.5", partition: 19).First() with { SkuId = "LATE-1" });
        var store = await h.StoreAsync();
        await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        // A correction for Oct 18 lands in today's partition.
        h.Fake.Rows.Add(Day(18, cost: "-0.2", export: Now.AddMinutes(-5), partition: 20).First() with { SkuId = "LATE-2", CostType = "adjustment" });
        var result = await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        Assert.Equal([Oct(20)], result.PartitionsChanged);
        Assert.Equal([Oct(18), Oct(20)], result.ReplacedDays);
        var day18 = new List<BillingLine>();
        await foreach (var l in store.ReadBillingLinesAsync(new DateRange(Oct(18), Oct(19)), CancellationToken.None)) day18.Add(l);
        Assert.Equal(4, day18.Count);
        Assert.Equal(1.25m + 0.333333333m + 0.5m - 0.2m, day18.Sum(l => l.Cost));
    }

    [Fact]
    public async Task RunAsync_JobFailsOnSecondPage_StoreAndPartitionStateUnchanged()
    {
        await using var h = await Harness.StartAsync(Now);
        Seed(h.Fake);
        var store = await h.StoreAsync();
        await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);
        var before = await Lines(store);

        h.Fake.Rows.RemoveAll(r => r.UsageDay == Oct(15));
        h.Fake.Rows.AddRange(Day(15, cost: "100", export: Now.AddHours(-1)));
        h.Fake.PageSize = 1;
        h.Fake.Intercept = r => r.Query.GetValueOrDefault("pageToken") == "p1"
            ? new FakeResponse(400, Fixture.Error("error_400_job_failed.json"))
            : null;

        var ex = await Assert.ThrowsAsync<GoogleApiException>(() => h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None));
        Assert.Equal(GoogleApiError.BadRequest, ex.Error);
        Assert.Equal(before, await Lines(store));

        // The failed day is still pending: the next run re-pulls it.
        h.Fake.Intercept = null;
        var retry = await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);
        Assert.Equal([Oct(15)], retry.ReplacedDays);
    }

    [Fact]
    public async Task RunAsync_Since_RepullsEveryDayFromIt()
    {
        await using var h = await Harness.StartAsync(Now);
        Seed(h.Fake);
        var store = await h.StoreAsync();
        await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        var result = await h.Ingest(h.Options(o => o.Granularity = BillingGranularity.Day)).RunAsync(store, Oct(18), CancellationToken.None);

        Assert.Equal(PullReason.Since, result.Reason);
        Assert.Equal([Oct(18), Oct(19), Oct(20)], result.ReplacedDays);
        Assert.Equal("day", h.Fake.Queries.Last().Scalars["granularity"]);
    }

    [Fact]
    public async Task RunAsync_StandardTableNoConsumptionModel_NoResourceColumns()
    {
        await using var h = await Harness.StartAsync(Now);
        h.Fake.Rows.AddRange(Day(20));
        var store = await h.StoreAsync();
        var options = h.Options(o =>
        {
            o.Table = "acme-billing.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9";
            o.HasConsumptionModel = false;
            o.LabelKeys = ["team", "k8s-label/*"];
        });

        await h.Ingest(options).RunAsync(store, null, CancellationToken.None);

        var pull = h.Fake.Queries.Single(q => q.Kind == "billing_lines");
        Assert.DoesNotContain("resource.name", pull.Sql);
        Assert.DoesNotContain("consumption_model.id", pull.Sql);
        Assert.Equal(["team"], pull.Arrays["label_keys"]);
        Assert.Equal(["k8s-label/"], pull.Arrays["label_prefixes"]);
    }

    [Fact]
    public void RunAsync_RandomRestatements_IncrementalEqualsFreshLoad()
    {
        // Any set of restated days among the last ten, each landing in its own partition or, late, in
        // today's: one incremental run gives the same store as a fresh full load.
        var restatements = Gen.Elements(0, 1, 2).ListOf(10).Select(xs => xs.ToArray());
        Prop.ForAll(restatements.ToArbitrary(), kinds =>
        {
            RestateAndCompare(kinds).GetAwaiter().GetResult();
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(12));
    }

    /// <summary>kinds[i] for Oct 11+i: 0 unchanged, 1 restated in its own partition, 2 a late correction in today's partition.</summary>
    private static async Task RestateAndCompare(int[] kinds)
    {
        await using var h = await Harness.StartAsync(Now);
        Seed(h.Fake);
        var store = await h.StoreAsync();
        await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        var expected = new HashSet<DateOnly>();
        for (var i = 0; i < kinds.Length; i++)
        {
            var day = 11 + i;
            if (kinds[i] == 1)
            {
                h.Fake.Rows.RemoveAll(r => r.UsageDay == Oct(day));
                h.Fake.Rows.AddRange(Day(day, cost: $"{day}.000000007", export: Now.AddMinutes(-i)));
                expected.Add(Oct(day));
            }
            else if (kinds[i] == 2)
            {
                h.Fake.Rows.Add(Day(day, cost: "-0.000000003", export: Now.AddMinutes(-i), partition: 20).First() with { SkuId = "LATE", CostType = "adjustment" });
                expected.Add(Oct(day));
                expected.Add(Oct(20));
            }
        }

        var result = await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);
        Assert.Equal(expected.Order(), result.ReplacedDays);

        var fresh = await h.StoreAsync("fresh.db");
        await h.Ingest(h.Options()).RunAsync(fresh, null, CancellationToken.None);
        Assert.Equal(await Lines(fresh), await Lines(store));
    }
}
