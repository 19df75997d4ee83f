using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Dapper;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Tests.Store;

/// <summary>
/// The store's sums of lines by SKU, region and usage hours (billing_sku_hour, migration 0017) are exactly
/// the sums and maxima of the lines they stand for: after loads that replace days, for days loaded before
/// 0017 (added up on the first read), and where a sum would round (the lines come one by one).
/// </summary>
public class SkuHourTests
{
    private static readonly DateOnly FirstDay = new(2026, 10, 30);

    private static readonly Gen<BillingLine> LineGen =
        from day in Gen.Choose(0, 2)
        from hour in Gen.Choose(0, 23)
        from hours in Gen.Elements(1, 1, 1, 3)
        from account in Gen.Elements("ACC-1", "ACC-2")
        from sku in Gen.Elements("N2 Instance Core running in Belgium", "N2 Instance Ram running in Belgium",
            "Commitment v1: N2 Cpu in Belgium for 1 Year", "Storage PD Capacity")
        from region in Gen.Elements<string?>("europe-west1", "europe-west1", "us-central1", null)
        from resource in Gen.Elements<string?>("vm-1", "vm-2", null)
        from nanos in Gen.Choose(-1_000, 5_000_000)
        // Amounts with more than nine decimal places are stored as exact text, not nano-units.
        from extraDigits in Gen.Elements(false, false, true)
        from usage in Gen.Elements<decimal?>(1m, 0.5m, 2.25m, 0m, -1m, null, 1.0000000001m)
        from credits in Gen.Choose(0, 2)
        from credit in Gen.Choose(-50_000, 0)
        let start = new DateTimeOffset(FirstDay.AddDays(day).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero)
        select new BillingLine
        {
            BillingAccountId = account, UsageStart = start, UsageEnd = start.AddHours(hours),
            InvoiceMonth = new InvoiceMonth(2026, 10), Currency = new Currency("USD"),
            Cost = nanos / 1_000_000_000m + (extraDigits ? 0.0000000000001m : 0m),
            Credits = Enumerable.Range(0, credits).Select(i => new Credit(i == 0 ? CreditType.CommittedUsageDiscount : CreditType.SustainedUsageDiscount,
                credit / 1_000_000m - i, "c" + i, null, null)).ToList(),
            ServiceId = "svc", ServiceDescription = "Compute Engine", SkuId = sku, SkuDescription = sku,
            Region = region, ResourceName = resource, UsageAmountInPricingUnits = usage,
        };

    [Fact]
    public void ReadSkuHoursAsync_AfterLoadsThatReplaceDays_SumsAndMaximaOfTheLines() =>
        Prop.ForAll(Gen.NonEmptyListOf(LineGen).ToArbitrary(), Gen.ListOf(LineGen).ToArbitrary(), (first, second) =>
        {
            var path = Path.Combine(Directory.CreateTempSubdirectory("costs-sku-hours-").FullName, "s.db");
            var read = LoadTwiceAndReadAsync(path, first, second).GetAwaiter().GetResult();
            var replaced = second.Select(l => (l.BillingAccountId, l.UsageDay)).ToHashSet();
            var expected = first.Where(l => !replaced.Contains((l.BillingAccountId, l.UsageDay))).Concat(second);

            Assert.Equal(Flat(Reference(expected)), Flat(read));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public async Task ReadSkuHoursAsync_Wanted_OnlyThoseSkusAndRegions()
    {
        var lines = LineGen.Sample(300, 3).ToList();
        await using var store = await NewStoreAsync();
        await LoadAsync(store, lines);

        var read = await store.ReadSkuHoursAsync(DateRange.Everything, g => g.Region == "us-central1", CancellationToken.None).ToListAsync();

        Assert.Equal(Flat(Reference(lines.Where(l => l.Region == "us-central1"))), Flat(read));
    }

    [Fact]
    public async Task ReadSkuHoursAsync_SumThatWouldRound_DayComesAsItsLines()
    {
        // Two costs of 29 significant digits: their sum needs 30 and a decimal would round it.
        var start = new DateTimeOffset(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var big = new BillingLine
        {
            BillingAccountId = "ACC-1", UsageStart = start, UsageEnd = start.AddHours(1), InvoiceMonth = new InvoiceMonth(2026, 10),
            Currency = new Currency("USD"), Cost = 500_000_000_000_000_000.00000000001m, SkuDescription = "N2 Instance Core running in Belgium",
            Region = "europe-west1", UsageAmountInPricingUnits = 1m, ResourceName = "vm-1",
        };
        BillingLine[] lines = [big, big with { ResourceName = "vm-2" }, big with { BillingAccountId = "ACC-2" }];
        await using var store = await NewStoreAsync();
        await LoadAsync(store, lines);

        var read = await store.ReadSkuHoursAsync(DateRange.Everything, _ => true, CancellationToken.None).ToListAsync();

        // ACC-1's day came line by line; ACC-2's (one line) as its sum.
        Assert.Equal(Flat(lines.Select(l => SkuHour.Of(l)!)), Flat(read));
        Assert.Equal([2L, 1L], await StatesAsync(store.Path)); // ACC-1: a sum would round; ACC-2: written
    }

    [Fact]
    public async Task ReadSkuHoursAsync_DaysLoadedBeforeMigration17_AddsThemUpOnceFromTheirLines()
    {
        var lines = LineGen.Sample(400, 4).ToList();
        // The lines as the version before 0017 stored them (0017 changed nothing of their rows): loaded by this
        // version into another file, then copied into a store with the migrations up to 0016.
        string source;
        await using (var current = await NewStoreAsync())
        {
            await LoadAsync(current, lines);
            source = current.Path;
        }
        var path = await OldStore.CreateAsync(17, $"""
            ATTACH DATABASE '{source}' AS n;
            INSERT INTO dictionary SELECT * FROM n.dictionary;
            INSERT INTO line_shape SELECT * FROM n.line_shape;
            INSERT INTO billing_line SELECT * FROM n.billing_line;
            INSERT INTO billing_group SELECT * FROM n.billing_group;
            INSERT INTO billing_day (day, account, line_count, grouped) SELECT day, account, line_count, grouped FROM n.billing_day;
            DETACH DATABASE n;
            """);

        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        var read = await store.ReadSkuHoursAsync(DateRange.Everything, _ => true, CancellationToken.None).ToListAsync();
        var again = await store.ReadSkuHoursAsync(DateRange.Everything, _ => true, CancellationToken.None).ToListAsync();

        Assert.Equal(Flat(Reference(lines)), Flat(read));
        Assert.Equal(Flat(read), Flat(again));
        Assert.All(await StatesAsync(path), s => Assert.Equal(1L, s));
        Assert.Equal(Flat(Reference(lines)).Count, await CountAsync(path));
    }

    private static async Task<List<long>> StatesAsync(string path)
    {
        await using var check = new SqliteConnection($"Data Source={path};Pooling=false");
        return (await check.QueryAsync<long>("SELECT sku_hours FROM billing_day ORDER BY account, day")).ToList();
    }

    private static async Task<long> CountAsync(string path)
    {
        await using var check = new SqliteConnection($"Data Source={path};Pooling=false");
        return await check.ExecuteScalarAsync<long>("SELECT count(*) FROM billing_sku_hour");
    }

    private static async Task<CostStore> NewStoreAsync() => await CostStore.OpenAsync(
        Path.Combine(Directory.CreateTempSubdirectory("costs-sku-hours-").FullName, "s.db"), TimeProvider.System, CancellationToken.None);

    private static async Task<List<SkuHour>> LoadTwiceAndReadAsync(string path, IReadOnlyList<BillingLine> first, IReadOnlyList<BillingLine> second)
    {
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await LoadAsync(store, first);
        await LoadAsync(store, second);
        return await store.ReadSkuHoursAsync(DateRange.Everything, _ => true, CancellationToken.None).ToListAsync();
    }

    private static async Task LoadAsync(CostStore store, IEnumerable<BillingLine> lines)
    {
        await using var load = await store.BeginBillingLoadAsync(["test"], CancellationToken.None);
        foreach (var line in lines) await load.AddAsync(line, CancellationToken.None);
        await load.CommitAsync(CancellationToken.None);
    }

    /// <summary>The groups, made here from the lines the slow way: one line at a time, by LINQ.</summary>
    private static IEnumerable<SkuHour> Reference(IEnumerable<BillingLine> lines) =>
        lines.Select(SkuHour.Of).OfType<SkuHour>()
            .GroupBy(g => (g.BillingAccountId, g.SkuDescription, g.Region, g.Currency, g.UsageStart, g.UsageEnd))
            .Select(g =>
            {
                var metered = g.Where(x => x.Usage is not null).ToList();
                return g.First() with
                {
                    Lines = g.Count(), CostMax = g.Max(x => x.CostMax),
                    Usage = metered.Count == 0 ? null : metered.Sum(x => x.Usage!.Value), UsageMax = metered.Max(x => x.UsageMax),
                    Net = metered.Count == 0 ? null : metered.Sum(x => x.Net!.Value), NetMax = metered.Max(x => x.NetMax),
                };
            });

    /// <summary>Groups as comparable text-free tuples in a stable order; decimals compare by value (0.50 = 0.5).</summary>
    private static List<(string Key, long Lines, decimal? Usage, decimal? UsageMax, decimal? Net, decimal? NetMax, decimal CostMax)> Flat(IEnumerable<SkuHour> groups) =>
        groups.Select(g => ($"{g.BillingAccountId}|{g.SkuDescription}|{g.Region}|{g.Currency}|{g.UsageStart:O}|{g.UsageEnd:O}",
                g.Lines, g.Usage, g.UsageMax, g.Net, g.NetMax, g.CostMax))
            .OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Lines).ThenBy(x => x.CostMax).ToList();
}
