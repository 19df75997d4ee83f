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
/// The store's sums by shape (billing_group, migration 0015) are exactly the sums of the lines they stand
/// for, after loads that replace days, and the lines read back are the lines loaded.
/// </summary>
public class BillingGroupTests
{
    private static readonly DateOnly FirstDay = new(2026, 10, 30);

    private static readonly Gen<BillingLine> LineGen =
        from day in Gen.Choose(0, 3)
        from hour in Gen.Choose(0, 23)
        from account in Gen.Elements("ACC-1", "ACC-2")
        from sku in Gen.Elements("N2 Instance Core running in Belgium", "N2 Instance Ram running in Belgium", "Storage")
        from resource in Gen.Elements<string?>("vm-1", "vm-2", null)
        from app in Gen.Elements<string?>("web", "api", null)
        from nanos in Gen.Choose(-1_000, 5_000_000)
        // Amounts with more than nine decimal places are stored as exact text, not nano-units.
        from extraDigits in Gen.Elements(false, false, true)
        from credits in Gen.Choose(0, 2)
        from credit in Gen.Choose(-50_000, 0)
        from nextMonth in Gen.Elements(false, false, true)
        select new BillingLine
        {
            BillingAccountId = account,
            UsageStart = new DateTimeOffset(FirstDay.AddDays(day).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero),
            UsageEnd = new DateTimeOffset(FirstDay.AddDays(day).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero).AddHours(1),
            InvoiceMonth = nextMonth ? new InvoiceMonth(2026, 11) : new InvoiceMonth(2026, 10),
            Currency = new Currency("USD"),
            Cost = nanos / 1_000_000_000m + (extraDigits ? 0.0000000000001m : 0m),
            Credits = Enumerable.Range(0, credits).Select(i => new Credit(i == 0 ? CreditType.SustainedUsageDiscount : CreditType.Promotion,
                credit / 1_000_000m - i, "c" + i, null, null)).ToList(),
            ServiceId = "svc", ServiceDescription = "Compute Engine", SkuId = sku, SkuDescription = sku,
            Region = "europe-west1", ResourceName = resource,
            Labels = app is null ? Labels.Empty : Labels.Of(("app", app)),
            UsageAmountInPricingUnits = 1m,
        };

    [Fact]
    public void ReadBillingGroupsAsync_AfterLoadsThatReplaceDays_SumsEqualTheLinesAndLinesReadBackEqual() =>
        Prop.ForAll(Gen.NonEmptyListOf(LineGen).ToArbitrary(), Gen.ListOf(LineGen).ToArbitrary(), (first, second) =>
        {
            var path = Path.Combine(Directory.CreateTempSubdirectory("costs-groups-").FullName, "s.db");
            var (groups, lines) = LoadTwiceAndReadAsync(path, first, second).GetAwaiter().GetResult();
            // The second load replaces every (account, day) it holds.
            var replaced = second.Select(l => (l.BillingAccountId, l.UsageDay)).ToHashSet();
            var expected = first.Where(l => !replaced.Contains((l.BillingAccountId, l.UsageDay))).Concat(second).ToList();

            Assert.Equal(Sorted(expected), Sorted(lines));
            Assert.Equal(Sums(expected.Select(BillingGroup.Of)), Sums(groups));
            Assert.Equal(expected.Count, groups.Sum(g => g.LineCount));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Load_SumsWrittenInPieces_StoresTheRowsOfSumsWrittenAtOnce() =>
        Prop.ForAll(Gen.NonEmptyListOf(LineGen).ToArbitrary(), Gen.ListOf(LineGen).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (first, second, held) =>
        {
            var whole = StoredGroupsAsync(first, second, BillingGroups.Limit).GetAwaiter().GetResult();
            var pieces = StoredGroupsAsync(first, second, held).GetAwaiter().GetResult();

            Assert.Equal(whole, pieces);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public async Task Load_SumWrittenInPiecesThatRounds_StoredAsNullAndReadLineByLine()
    {
        var line = LineGen.Sample(1, 7).Single() with { Credits = [] };
        // 10^17 + 10^-13 needs 31 significant digits, more than a decimal holds: the sum of the two pieces rounds.
        BillingLine[] lines = [line with { Cost = 100_000_000_000_000_000m }, line with { Cost = 0.0000000000001m }, line with { Cost = 1m }];

        var rows = await StoredGroupsAsync(lines, [], held: 1);

        var row = Assert.Single(rows);
        Assert.Equal("null", row.CostType);
        Assert.Equal(3, row.Lines);
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-groups-").FullName, "s.db");
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        store.BillingGroupsHeld = 1;
        await LoadAsync(store, lines);
        var groups = await store.ReadBillingGroupsAsync(DateRange.Everything, _ => false, CancellationToken.None).ToListAsync();
        Assert.Equal(lines.Select(l => l.Cost).Order(), groups.Select(g => g.Cost).Order());
    }

    /// <summary>billing_group's rows as stored (with each amount's storage class) after two loads whose sums were written every <paramref name="held"/>.</summary>
    private static async Task<List<(long Day, long Shape, long Month, string CostType, string? Cost, string? Credits, long Lines)>> StoredGroupsAsync(
        IReadOnlyList<BillingLine> first, IReadOnlyList<BillingLine> second, int held)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-groups-").FullName, "s.db");
        await using (var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None))
        {
            store.BillingGroupsHeld = held;
            await LoadAsync(store, first);
            await LoadAsync(store, second);
        }
        await using var raw = new SqliteConnection($"Data Source={path};Pooling=false");
        return (await raw.QueryAsync<(long, long, long, string, string?, string?, long)>("""
            SELECT usage_day, shape, invoice_month, typeof(cost), typeof(cost) || ':' || cost, typeof(credit_total) || ':' || credit_total, line_count
            FROM billing_group ORDER BY usage_day, shape, invoice_month
            """)).ToList();
    }

    [Fact]
    public async Task ReadBillingGroupsAsync_LinesAskedOneByOne_ComeAsGroupsOfOneWithTheirHours()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-groups-").FullName, "s.db");
        var lines = LineGen.Sample(200, 1).ToList();
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await LoadAsync(store, lines);

        var groups = await store.ReadBillingGroupsAsync(DateRange.Everything, l => l.ResourceName == "vm-1", CancellationToken.None).ToListAsync();

        var single = groups.Where(g => g.Shape.ResourceName == "vm-1").ToList();
        Assert.All(single, g => Assert.Equal(1, g.LineCount));
        Assert.Equal(Sorted(lines.Where(l => l.ResourceName == "vm-1")), Sorted(single.Select(g => g.Shape)));
        Assert.Equal(Sums(lines.Select(BillingGroup.Of)), Sums(groups));
    }

    [Fact]
    public async Task ReadBillingGroupsAsync_DayLoadedBeforeMigration15_AddsItUpOnceFromItsLines()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-groups-").FullName, "s.db");
        var lines = LineGen.Sample(300, 2).ToList();
        await using (var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None))
            await LoadAsync(store, lines);
        // As a store upgraded by migration 0015 holds its days: lines, and no sums yet.
        await using (var raw = new SqliteConnection($"Data Source={path};Pooling=false"))
            await raw.ExecuteAsync("DELETE FROM billing_group; UPDATE billing_day SET grouped = 0;");

        await using var reopened = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        var groups = await reopened.ReadBillingGroupsAsync(DateRange.Everything, _ => false, CancellationToken.None).ToListAsync();
        var again = await reopened.ReadBillingGroupsAsync(DateRange.Everything, _ => false, CancellationToken.None).ToListAsync();

        Assert.Equal(Sums(lines.Select(BillingGroup.Of)), Sums(groups));
        Assert.Equal(Sums(groups), Sums(again));
        await using var check = new SqliteConnection($"Data Source={path};Pooling=false");
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM billing_day WHERE grouped = 0"));
    }

    [Fact]
    public async Task ReadBillingGroupsAsync_AfterALoadRolledBack_ReadsTheShapesWrittenSince()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-groups-").FullName, "s.db");
        var lines = LineGen.Sample(50, 1).ToList();
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await LoadAsync(store, lines);
        await store.ReadBillingGroupsAsync(DateRange.Everything, _ => false, CancellationToken.None).ToListAsync();
        var dropped = lines[0] with { SkuDescription = "dropped", ResourceName = "vm-dropped" };
        var kept = lines[0] with { SkuDescription = "kept", ResourceName = "vm-kept" };

        // The rolled-back load's new shape is read inside it; the next load gives its id to another shape.
        await using (var load = await store.BeginBillingLoadAsync(["dropped"], CancellationToken.None))
        {
            await load.AddAsync(dropped, CancellationToken.None);
            Assert.Contains(await store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None).ToListAsync(),
                l => l.SkuDescription == "dropped");
        }
        await LoadAsync(store, [kept]);

        var groups = await store.ReadBillingGroupsAsync(DateRange.Everything, _ => false, CancellationToken.None).ToListAsync();
        Assert.DoesNotContain(groups, g => g.Shape.SkuDescription == "dropped");
        Assert.Equal(Sums(lines.Where(l => l.UsageDay != kept.UsageDay || l.BillingAccountId != kept.BillingAccountId).Append(kept)
            .Select(BillingGroup.Of)), Sums(groups));
    }

    private static async Task<(List<BillingGroup> Groups, List<BillingLine> Lines)> LoadTwiceAndReadAsync(string path,
        IReadOnlyList<BillingLine> first, IReadOnlyList<BillingLine> second)
    {
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await LoadAsync(store, first);
        await LoadAsync(store, second);
        return (await store.ReadBillingGroupsAsync(DateRange.Everything, _ => false, CancellationToken.None).ToListAsync(),
            await store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None).ToListAsync());
    }

    private static async Task LoadAsync(CostStore store, IEnumerable<BillingLine> lines)
    {
        await using var load = await store.BeginBillingLoadAsync(["test"], CancellationToken.None);
        foreach (var line in lines) await load.AddAsync(line, CancellationToken.None);
        await load.CommitAsync(CancellationToken.None);
    }

    /// <summary>Sums by (day, month, account, SKU, resource, labels); decimals compare by value (0.50 = 0.5).</summary>
    private static List<(string Key, decimal Cost, decimal Credits, long Lines)> Sums(IEnumerable<BillingGroup> groups) =>
        groups.GroupBy(g => $"{g.Shape.UsageDay:yyyy-MM-dd} {g.Shape.InvoiceMonth} {g.Shape.BillingAccountId} {g.Shape.SkuDescription} {g.Shape.ResourceName} {g.Shape.Labels.ToJson()}")
            .Select(g => (g.Key, g.Sum(x => x.Cost), g.Sum(x => x.Credits), g.Sum(x => x.LineCount)))
            .OrderBy(x => x.Key, StringComparer.Ordinal).ToList();

    /// <summary>Lines in a stable order, each without its credits (a list compares by reference) beside its credits as text.</summary>
    private static List<(BillingLine Line, string Credits)> Sorted(IEnumerable<BillingLine> lines) =>
        lines.Select(l => (Line: l with { Credits = [] }, Credits: string.Join("|", l.Credits)))
            .OrderBy(x => $"{x.Line.UsageStart:O}|{x.Line.BillingAccountId}|{x.Line.SkuDescription}|{x.Line.ResourceName}|{x.Line.Labels.ToJson()}|{x.Line.InvoiceMonth}|{x.Line.Cost}|{x.Credits}",
                StringComparer.Ordinal).ToList();
}
