using Costs.CostAnalyzer.Commitments;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostAnalyzer.Tests.Commitments;

public class CostCurveTests
{
    private static CostCurve Resource(IReadOnlyList<decimal> usage, decimal onDemand, decimal commitment, decimal offset = 0m) =>
        new(usage, offset, onDemand, new TermPrice(commitment, 1m), 1m);

    [Theory]
    [InlineData("flat")]
    [InlineData("daily-cycle")]
    [InlineData("step-up")]
    [InlineData("step-down")]
    [InlineData("spiky")]
    public void Optimum_NamedSeries_MatchesBruteForceOracle(string name)
    {
        var usage = Series.Named(name);
        foreach (var (onDemand, commitment) in new[] { (0.0252888m, 0.014225m), (0.0252888m, 0.019915m), (1m, 0.72m), (1m, 0.54m), (44.18m, 29.45m) })
        {
            var curve = Resource(usage, onDemand, commitment);
            var oracle = Oracle.Best(usage, onDemand, commitment);
            var level = curve.Optimum();
            Assert.Equal((oracle.Level, oracle.Cost), (level, curve.Cost(level)));
        }
    }

    [Fact]
    public void Optimum_RandomSeriesPricesOffsetsAndFloors_MatchesBruteForceOracle()
    {
        var gen = from hours in Gen.ListOf(Gen.Choose(0, 4000)).Where(l => l.Count > 0)
                  from onDemandMicros in Gen.Choose(1, 2_000_000)
                  from percent in Gen.Choose(1, 120)
                  from offset in Gen.Choose(0, 15)
                  from minimum in Gen.Choose(0, 45)
                  select (Usage: hours.Select(h => h / 100m).ToArray(), OnDemand: onDemandMicros / 1_000_000m,
                      Commitment: onDemandMicros / 1_000_000m * percent / 100m, Offset: (decimal)offset, Minimum: (decimal)minimum);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var curve = Resource(c.Usage, c.OnDemand, c.Commitment, c.Offset);
            var oracle = Oracle.Best(c.Usage, c.OnDemand, c.Commitment, c.Offset, c.Minimum);
            var level = curve.Optimum(c.Minimum);
            return level == oracle.Level && curve.Cost(level) == oracle.Cost;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Optimum_CostsEqualAtSeveralLevels_TakesTheLowest()
    {
        // Two hours, 0 and 2 units, on-demand 1, commitment 0.5: cost(0) = 2, cost(1) = 0.5·2 + 1 = 2,
        // cost(2) = 0.5·2·2 = 2. Every level ties; the lowest wins.
        var curve = Resource([0m, 2m], 1m, 0.5m);

        Assert.Equal((2m, 2m, 2m), (curve.Cost(0m), curve.Cost(1m), curve.Cost(2m)));
        Assert.Equal(0m, curve.Optimum());
    }

    [Fact]
    public void Optimum_DailyCycle_IsTheDiscountQuantile()
    {
        // 12 h at 16, 8 h at 40, 4 h at 64. Break-even 0.5625 (3y N2): hours above 16 are 12/24 = 0.5 ≤ 0.5625,
        // hours above 15 are all of them. Break-even 0.15: above 40 is 4/24 = 0.167 > 0.15, above 64 is 0.
        var usage = Series.DailyCycle(1, 16m, 40m, 64m);

        Assert.Equal(16m, Resource(usage, 1m, 0.5625m).Optimum());
        Assert.Equal(64m, Resource(usage, 1m, 0.15m).Optimum());
        Assert.Equal(0m, Resource(usage, 1m, 1m).Optimum());
    }

    [Fact]
    public void UtilisationAndCovered_DailyCycleAt40_AsComputedByHand()
    {
        // At 40: covered = 12·16 + 12·40 = 672 of 40·24 = 960 unit-hours.
        var curve = Resource(Series.DailyCycle(1, 16m, 40m, 64m), 1m, 0.5m);

        Assert.Equal(672m, curve.Covered(40m));
        Assert.Equal(0.7m, curve.Utilisation(40m));
        Assert.Equal(0m, curve.Utilisation(0m));
        Assert.Equal(64m, curve.MaxLevel);
    }

    [Fact]
    public void Optimum_FlexibleOnCentGrid_MatchesOracleOverEveryCentToTheCent()
    {
        var gen = from hours in Gen.ListOf(Gen.Choose(0, 2500)).Where(l => l.Count is > 0 and < 40)
                  from discount in Gen.Elements(0.28m, 0.46m, 0.37m, 0.2m)
                  select (Usage: hours.Select(h => h / 100m).ToArray(), Discount: discount);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var price = PoolPrices.Flexible(c.Discount, c.Discount).OneYear;
            var curve = new CostCurve(c.Usage, 0m, 1m, price, 0.01m);
            // A commitment of L an hour costs L·H and covers L ÷ (1 − d) of on-demand spend.
            decimal Cost(decimal level)
            {
                var covered = level / (1m - c.Discount);
                return level * c.Usage.Length + c.Usage.Sum(u => Math.Max(0m, u - covered));
            }
            var best = Enumerable.Range(0, (int)(c.Usage.Max() * 100m) + 2).Select(cents => Cost(cents / 100m)).Min();
            var level = curve.Optimum();
            return Math.Abs(curve.Cost(level) - best) < 0.005m && Math.Abs(Cost(level) - best) < 0.005m;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Construct_NegativeUsage_Throws() =>
        Assert.Throws<ArgumentException>(() => Resource([1m, -0.5m], 1m, 0.5m));
}
