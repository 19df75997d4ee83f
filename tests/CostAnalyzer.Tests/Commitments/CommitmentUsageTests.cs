using Costs.CostAnalyzer.Commitments;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostAnalyzer.Tests.Commitments;

/// <summary>
/// The pools made from the store's sums of lines by SKU, region and usage hours (<see cref="SkuHour"/>, a real
/// SQLite store) are the pools made from the lines themselves, in any order: usage series, first usage and held
/// commitments, equal decimal for decimal.
/// </summary>
public class CommitmentUsageTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private const int Hours = 10 * 24;

    private static readonly Gen<BillingLine> LineGen =
        // Few distinct hours, so that lines often share a SKU's hour and are added up; some before the window,
        // some in its last week (where held commitments are read), some past its end.
        from hour in Gen.Elements(-30, -2, 0, 5, 100, 180, 200, 200, 236, 239, Hours + 2)
        from span in Gen.Elements(1, 1, 1, 1, 3)
        from sku in Gen.Elements("N2 Instance Core running in Belgium", "E2 Instance Ram running in Americas", "N2 Instance Core running in Belgium",
            "Commitment v1: N2 Cpu in Europe for 1 Year", "Commitment v1: N2 Cpu in Europe for 1 Year", "Commitment v1: N2 Cpu in Europe for 3 Years",
            "Commitment - dollar based v1: GCE for 1 Year", "Spot Preemptible N2 Instance Core running in Belgium", "Storage PD Capacity")
        from region in Gen.Elements<string?>("europe-west1", "europe-west1", "us-central1", null)
        from currency in Gen.Elements("USD", "USD", "USD", "EUR")
        from cost in Gen.Choose(-2_000, 900_000)
        from usage in Gen.Elements<decimal?>(1m, 2m, 0.5m, 3.25m, 0m, -1m, null, 1.000000001m)
        from cud in Gen.Choose(-300_000, 0)
        from credits in Gen.Choose(0, 2)
        select new BillingLine
        {
            BillingAccountId = "ACC-1", UsageStart = Start.AddHours(hour), UsageEnd = Start.AddHours(hour + span),
            InvoiceMonth = new InvoiceMonth(2026, 10), Currency = new Currency(currency), Cost = cost / 10_000m,
            Credits = Enumerable.Range(0, credits).Select(i => new Credit(i == 0 ? CreditType.CommittedUsageDiscount : CreditType.SustainedUsageDiscount,
                cud / 100_000m, null, null, null)).ToList(),
            SkuDescription = sku, Region = region, UsageAmountInPricingUnits = usage,
        };

    [Fact]
    public void Pools_SumsBySkuAndHours_SameAsTheLinesInAnyOrder() =>
        Prop.ForAll(Gen.ListOf(LineGen).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (lines, seed) =>
        {
            var random = new Random(seed);
            var byLine = new CommitmentUsage(Start, Hours, new Currency("USD"));
            foreach (var line in lines.OrderBy(_ => random.Next())) byLine.Add(line);
            var bySum = new CommitmentUsage(Start, Hours, new Currency("USD"));
            foreach (var group in StoredSumsAsync(lines).GetAwaiter().GetResult()) bySum.Add(group);

            Assert.Equal(Flat(byLine.Pools()), Flat(bySum.Pools()));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public async Task Pools_TwoFeeLinesOfAnHourAddedUp_HeldIsTheLargerLineNotTheirSum()
    {
        var hour = Start.AddHours(Hours - 5);
        var core = new BillingLine
        {
            BillingAccountId = "ACC-1", UsageStart = hour, UsageEnd = hour.AddHours(1), InvoiceMonth = new InvoiceMonth(2026, 10),
            Currency = new Currency("USD"), Cost = 1m, SkuDescription = "N2 Instance Core running in Belgium", Region = "europe-west1",
            UsageAmountInPricingUnits = 10m,
        };
        var fee = core with { SkuDescription = "Commitment v1: N2 Cpu in Europe for 1 Year", UsageAmountInPricingUnits = 4m };
        BillingLine[] lines = [core, fee, fee with { UsageAmountInPricingUnits = 3m }];
        var byLine = new CommitmentUsage(Start, Hours, new Currency("USD"));
        foreach (var line in lines) byLine.Add(line);
        var bySum = new CommitmentUsage(Start, Hours, new Currency("USD"));
        foreach (var group in await StoredSumsAsync(lines)) bySum.Add(group);

        var pool = Assert.Single(bySum.Pools(), p => p.Key.Type == CommitmentType.Resource);
        Assert.Equal(4m, pool.ExistingOneYear);
        Assert.Equal(Flat(byLine.Pools()), Flat(bySum.Pools()));
    }

    [Fact]
    public void Uses_OnDemandAndCommitmentSkusWithARegion_Others_No()
    {
        SkuHour Group(string sku, string region) => new()
        {
            BillingAccountId = "A", SkuDescription = sku, Region = region, Currency = new Currency("USD"),
            UsageStart = Start, UsageEnd = Start, Lines = 0, CostMax = 0m,
        };
        Assert.True(CommitmentUsage.Uses(Group("N2 Instance Core running in Belgium", "europe-west1")));
        Assert.True(CommitmentUsage.Uses(Group("Commitment v1: N2 Cpu in Europe for 1 Year", "europe-west1")));
        Assert.False(CommitmentUsage.Uses(Group("Spot Preemptible N2 Instance Core running in Belgium", "europe-west1")));
        Assert.False(CommitmentUsage.Uses(Group("N2 Instance Core running in Belgium", "")));
    }

    /// <summary>The lines loaded into a new store and read back as its sums by SKU, region and usage hours.</summary>
    private static async Task<List<SkuHour>> StoredSumsAsync(IEnumerable<BillingLine> lines)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-usage-").FullName, "s.db");
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await using (var load = await store.BeginBillingLoadAsync(["test"], CancellationToken.None))
        {
            foreach (var line in lines) await load.AddAsync(line, CancellationToken.None);
            await load.CommitAsync(CancellationToken.None);
        }
        return await store.ReadSkuHoursAsync(DateRange.Everything, CommitmentUsage.Uses, CancellationToken.None).ToListAsync();
    }

    private static List<string> Flat(IReadOnlyList<CommitmentPool> pools) =>
        pools.Select(p => $"{p.Key} {p.Start:O} {p.FirstUsage:O} {Normal(p.ExistingOneYear)} {Normal(p.ExistingThreeYear)} "
            + string.Join(",", p.Hours.Select(Normal))).ToList();

    /// <summary>A decimal's value as text, without the trailing zeros that tell how it was computed (0.50 = 0.5).</summary>
    private static string Normal(decimal d) => (d / 1.0000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
