using Costs.CostAnalyzer.Commitments;
using Costs.CostModel.Money;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostAnalyzer.Tests.Commitments;

/// <summary>Pools for the advisor tests, and a generator of random ones.</summary>
internal static class Pools
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// N2 vCPU in us-central1: on-demand 0.031611 less a round 20% sustained-use discount (the
    /// catalogue path takes Google's 19.98%, see CommitmentPricesTests), 1 year 0.019915,
    /// 3 years 0.014225 USD per vCPU-hour (n2-standard-2 in Cyclenerd's pricing.yml: 0.097118 an hour =
    /// 2 × 0.031611 + 8 × 0.004237; month_1y 44.66286 = 730 × (2 × 0.019915 + 8 × 0.002669)).
    /// Break-even 0.7875 (1 year) and 0.5625 (3 years).
    /// </summary>
    public static readonly PoolPrices N2Prices = PoolPrices.Resource(0.0252888m, 0.019915m, 0.014225m);

    public static CommitmentPool N2(decimal[] usage, decimal existingOneYear = 0m, decimal existingThreeYear = 0m) => new()
    {
        Key = PoolKey.ForResource("us-central1", "N2", CommitmentResource.Vcpu), Currency = Currency.Usd, Start = Start,
        Hours = usage, Prices = N2Prices, ExistingOneYear = existingOneYear, ExistingThreeYear = existingThreeYear,
    };

    public static CommitmentPool Flexible(decimal[] spend, decimal existingOneYear = 0m, decimal existingThreeYear = 0m) => new()
    {
        Key = PoolKey.ForFlexible("us-central1"), Currency = Currency.Usd, Start = Start, Hours = spend,
        ExistingOneYear = existingOneYear, ExistingThreeYear = existingThreeYear,
    };

    /// <summary>Random resource pools: whole existing commitments, and prices where the 3-year rate is at most the 1-year rate.</summary>
    public static Gen<CommitmentPool> Random() =>
        from usage in RandomUsage()
        from e1 in Gen.Choose(0, 12)
        from e3 in Gen.Choose(0, 12)
        from onDemandMicros in Gen.Choose(5_000, 1_000_000)
        from oneYearPercent in Gen.Choose(40, 105)
        from threeYearPercent in Gen.Choose(20, 105)
        let onDemand = onDemandMicros / 1_000_000m
        let oneYear = onDemand * oneYearPercent / 100m
        select new CommitmentPool
        {
            Key = PoolKey.ForResource("europe-west1", "E2", CommitmentResource.Vcpu), Currency = Currency.Usd, Start = Start,
            Hours = usage, ExistingOneYear = e1, ExistingThreeYear = e3,
            Prices = PoolPrices.Resource(onDemand, oneYear, Math.Min(oneYear, onDemand * threeYearPercent / 100m)),
        };

    /// <summary>Random flexible pools: the same shapes as on-demand spend per hour, existing commitments in cents.</summary>
    public static Gen<CommitmentPool> RandomFlexible() =>
        from usage in RandomUsage()
        from e1 in Gen.Choose(0, 1200)
        from e3 in Gen.Choose(0, 1200)
        select Flexible(usage, e1 / 100m, e3 / 100m);

    /// <summary>7 to 200 days of a flat, cycling, stepping, ramping or spiky shape with noise, to two decimals.</summary>
    private static Gen<decimal[]> RandomUsage() =>
        from days in Gen.Choose(7, 200)
        from shape in Gen.Choose(0, 4)
        from seed in Gen.Choose(0, int.MaxValue)
        select Shape(days, shape, new Random(seed));

    private static decimal[] Shape(int days, int shape, Random random)
    {
        var a = random.Next(0, 30);
        var b = random.Next(0, 30);
        var baseline = shape switch
        {
            0 => Series.Flat(days, a),
            1 => Series.DailyCycle(days, a, a + b, a + 2 * b),
            2 => Series.Step(days, random.Next(0, days), a, b),
            3 => Series.Ramp(days, a, b),
            _ => Series.Spiky(days, a, a + 2 * b, random.Next(2, 30)),
        };
        var noise = random.Next(0, 500);
        return baseline.Select(u => Math.Max(0m, u + random.Next(-noise, noise + 1) / 100m)).ToArray();
    }
}
