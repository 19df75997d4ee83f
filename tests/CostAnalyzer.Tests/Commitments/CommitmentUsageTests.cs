using Costs.CostAnalyzer.Commitments;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostAnalyzer.Tests.Commitments;

/// <summary>
/// The pools made from the store's sums of lines by SKU, region and usage hours (<see cref="SkuHour"/>) are
/// the pools made from the lines themselves, in any order: usage series, first usage and held commitments,
/// equal decimal for decimal.
/// </summary>
public class CommitmentUsageTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private const int Hours = 10 * 24;

    private static readonly Gen<BillingLine> LineGen =
        from hour in Gen.Choose(-30, Hours + 5)
        from span in Gen.Elements(1, 1, 1, 2, 3, 7)
        from sku in Gen.Elements("N2 Instance Core running in Belgium", "E2 Instance Ram running in Americas", "N2 Instance Core running in Belgium",
            "Commitment v1: N2 Cpu in Europe for 1 Year", "Commitment v1: N2 Cpu in Europe for 3 Years",
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
            foreach (var group in Sums(lines)) bySum.Add(group);

            Assert.Equal(Flat(byLine.Pools()), Flat(bySum.Pools()));
        }).QuickCheckThrowOnFailure();

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

    /// <summary>The lines added up as the store adds them: by SKU, region, currency and usage hours.</summary>
    private static IEnumerable<SkuHour> Sums(IEnumerable<BillingLine> lines) =>
        lines.Select(SkuHour.Of).OfType<SkuHour>()
            .GroupBy(g => (g.SkuDescription, g.Region, g.Currency, g.UsageStart, g.UsageEnd))
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

    private static List<string> Flat(IReadOnlyList<CommitmentPool> pools) =>
        pools.Select(p => $"{p.Key} {p.Start:O} {p.FirstUsage:O} {Normal(p.ExistingOneYear)} {Normal(p.ExistingThreeYear)} "
            + string.Join(",", p.Hours.Select(Normal))).ToList();

    /// <summary>A decimal's value as text, without the trailing zeros that tell how it was computed (0.50 = 0.5).</summary>
    private static string Normal(decimal d) => (d / 1.0000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
