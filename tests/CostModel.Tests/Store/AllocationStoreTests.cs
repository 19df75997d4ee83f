using System.Globalization;
using System.Text;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostModel.Tests.Store;

/// <summary>
/// Allocation rows in the compact form of migration 0018: every decimal comes back with its value and its scale,
/// and rows come back in the order the text tables returned them (day, kind, dimensions, rule, missing, month,
/// currency; a null first, texts by their UTF-8 bytes), whatever order they were written in.
/// </summary>
public class AllocationStoreTests
{
    private static readonly Gen<decimal> DecimalGen =
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        from mid in Gen.Elements(0, 0, 1, 0x3FFFFFF, 0x4000000, int.MaxValue, -1)
        from hi in Gen.Elements(0, 0, 0, 0, 1)
        from negative in Gen.Elements(false, true)
        from scale in Gen.Choose(0, 28)
        select new decimal(lo, mid, hi, negative, (byte)scale);

    private static readonly Gen<AllocationRow> RowGen =
        from day in Gen.Choose(0, 2)
        from kind in Gen.Elements(CostKind.Allocated, CostKind.Unallocated, CostKind.Idle, CostKind.Overhead)
        from service in Gen.Elements<string?>(null, "", "web", "Web", "caf\u00e9", "team-\uFFFD", "team-\U0001F600")
        from team in Gen.Elements<string?>(null, "shop", "\U0001F600")
        from node in Gen.Elements<string?>(null, "node-1", "node-10", "node-2")
        from rule in Gen.Elements("", "service=label:app", "idle")
        from month in Gen.Elements(new InvoiceMonth(2026, 9), new InvoiceMonth(2026, 10))
        from currency in Gen.Elements("USD", "EUR")
        from cost in DecimalGen
        from credits in DecimalGen
        select new AllocationRow
        {
            Day = new DateOnly(2026, 10, 1).AddDays(day), Currency = new Currency(currency), InvoiceMonth = month, Kind = kind,
            Dimensions = new Dimensions { Service = service, Team = team, CloudService = "Compute Engine", Sku = "N2 Core", Node = node },
            Rule = rule, Cost = cost, Credits = credits,
        };

    [Fact]
    public void Exact_AnyDecimal_ReadsBackTheSameValueAndScale() =>
        Prop.ForAll(DecimalGen.ToArbitrary(), d =>
        {
            var stored = StoreValues.Exact(d);
            var back = stored is long l ? StoreValues.FromExact(l) : StoreText.ParseDecimal((string)stored);
            Assert.Equal(d, back);
            Assert.Equal(d.ToString(CultureInfo.InvariantCulture), back.ToString(CultureInfo.InvariantCulture));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void ReadAllocationsAsync_RowsWrittenInAnyOrder_ComeBackInTheTextTablesOrderWithTheirScales() =>
        Prop.ForAll(Gen.ListOf(RowGen).ToArbitrary(), rows =>
        {
            // One row per key, as the allocator makes them.
            var unique = rows.DistinctBy(SortKey).ToList();
            var read = WriteAndReadAsync(unique).GetAwaiter().GetResult();
            var expected = unique.OrderBy(SortKey, StringComparer.Ordinal).Select(Text).ToList();
            Assert.Equal(expected, read.Select(Text));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public async Task ReplaceAllocationsAsync_ADayAgain_ReplacesOnlyThatDay()
    {
        var rows = RowGen.Sample(40, 3).DistinctBy(SortKey).ToList();
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-allocation-").FullName, "s.db");
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await store.ReplaceAllocationsAsync(rows.Select(r => r.Day).Distinct().ToList(), rows, [], CancellationToken.None);
        var day = rows[0].Day;
        var again = rows[0] with { Cost = 1.10m };

        await store.ReplaceAllocationsAsync([day], [again], [], CancellationToken.None);

        var read = await store.ReadAllocationsAsync(DateRange.Everything, CancellationToken.None);
        Assert.Equal(rows.Where(r => r.Day != day).Append(again).OrderBy(SortKey, StringComparer.Ordinal).Select(Text), read.Select(Text));
    }

    private static async Task<IReadOnlyList<AllocationRow>> WriteAndReadAsync(List<AllocationRow> rows)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-allocation-").FullName, "s.db");
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await store.ReplaceAllocationsAsync(rows.Select(r => r.Day).Distinct().ToList(), rows.AsEnumerable().Reverse(), [], CancellationToken.None);
        return await store.ReadAllocationsAsync(DateRange.Everything, CancellationToken.None);
    }

    /// <summary>
    /// The order of ORDER BY over the text columns: each text as hex of its UTF-8 bytes (which sorts as the bytes),
    /// a null as the empty field (before any text, which starts with '#').
    /// </summary>
    private static string SortKey(AllocationRow r)
    {
        var d = r.Dimensions;
        string?[] texts =
        [
            StoreText.Day(r.Day), r.Kind.ToText(), d.Service, d.Team, d.Environment, d.Project, d.CloudService, d.Sku, d.Region,
            d.Cluster, d.Namespace, d.NodePool, d.Node, d.Workload, r.Rule, r.Missing, r.InvoiceMonth.ToString(), r.Currency.Code,
        ];
        return string.Join(' ', texts.Select(t => t is null ? "" : "#" + Convert.ToHexString(Encoding.UTF8.GetBytes(t)) + "00"));
    }

    private static string Text(AllocationRow r) =>
        SortKey(r) + " " + r.Cost.ToString(CultureInfo.InvariantCulture) + " " + r.Credits.ToString(CultureInfo.InvariantCulture);
}
