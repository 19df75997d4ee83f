using Costs.CostAnalyzer.Commitments;
using Costs.CostAnalyzer.Recommendations;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostAnalyzer.Tests.Commitments;

/// <summary>Invariants of the advisor on random resource pools (<see cref="Pools.Random"/>), with exact decimals.</summary>
public class CommitmentPropertiesTests
{
    private static readonly CommitmentOptions Options = new();

    private static void Check(Func<CommitmentPool, CommitmentRecommendation, CommitmentRecommendation, bool> property) =>
        Prop.ForAll(Pools.Random().ToArbitrary(), pool =>
        {
            var rows = CommitmentAdvisor.Recommend(pool, Options);
            return property(pool, rows[0], rows[1]);
        }).QuickCheckThrowOnFailure();

    /// <summary>The hours a term was sized on: the window that set its level, lowered for the trend.</summary>
    private static decimal[] Sized(CommitmentPool pool, SizingWindow window, decimal lowering)
    {
        var hours = window == SizingWindow.Lookback ? Options.Lookback : Options.RecentWindow;
        var count = (int)Math.Min(hours.TotalHours, pool.Hours.Count);
        return pool.Hours.Skip(pool.Hours.Count - count).Select(u => Math.Max(0m, u - lowering)).ToArray();
    }

    [Fact]
    public void Recommend_AnyPool_BuyAndSavingsNeverNegative() =>
        Check((pool, three, one) => new[] { three, one }.All(r =>
            r.Buy >= 0m && r.MonthlySavings >= 0m && r.PlanLevel >= r.Existing && r.LevelAlone >= 0m
            && (r.Advice == CommitmentAdvice.Buy) == (r.Buy > 0m)));

    [Fact]
    public void Recommend_AnyFlexiblePool_BuyAndSavingsNeverNegative() =>
        Prop.ForAll(Pools.RandomFlexible().ToArbitrary(), pool =>
            CommitmentAdvisor.Recommend(pool, Options).All(r =>
                r.Buy >= 0m && r.MonthlySavings >= 0m && r.PlanLevel >= r.Existing && r.Buy % 0.01m == 0m))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Recommend_AnyPool_LevelAloneIsTheOracleOptimumOfTheLowerWindow() =>
        Check((pool, three, one) => new[] { three, one }.All(r =>
        {
            var fee = pool.Prices!.Of(r.Term).Fee;
            var levels = new[] { SizingWindow.Lookback, SizingWindow.Recent }
                .Select(w => Oracle.Best(Sized(pool, w, r.TrendLowering), pool.Prices.OnDemand, fee).Level);
            return r.LevelAlone == levels.Min();
        }));

    /// <summary>
    /// The plan level is the oracle's optimum (at least what is held) on the hours it was sized on, above
    /// what sits beneath it (1-year commitments held, for the 3-year term; the 3-year plan, for the 1-year
    /// term), and the curve's monthly cost there is the oracle's minimum, to the cent.
    /// </summary>
    [Fact]
    public void Recommend_AnyPool_PlanLevelAndItsCostAreTheOracles() =>
        Check((pool, three, one) =>
        {
            var prices = pool.Prices!;
            bool Matches(CommitmentRecommendation r, decimal beneath, decimal beneathFee)
            {
                var sized = Sized(pool, r.SizedOn, r.TrendLowering);
                var best = Oracle.Best(sized, prices.OnDemand, prices.Of(r.Term).Fee, beneath, r.Existing);
                var monthly = Monthly.FromWindow(best.Cost + beneath * beneathFee * sized.Length, sized.Length);
                return r.PlanLevel == best.Level && r.Curve.Single(p => p.Level == r.PlanLevel).MonthlyCost == monthly;
            }
            return Matches(three, pool.ExistingOneYear, prices.OneYear.Fee) && Matches(one, three.PlanLevel, prices.ThreeYear.Fee);
        });

    /// <summary>
    /// On the hours the 1-year term was sized on, the layered plan costs no more than buying one term only,
    /// each sized by the same rules: the 3-year plan with no 1-year purchase, or the best 1-year purchase
    /// with no 3-year purchase.
    /// </summary>
    [Fact]
    public void Recommend_AnyPool_LayeringCostsNoMoreThanTheBestSingleTerm() =>
        Check((pool, three, one) =>
        {
            var prices = pool.Prices!;
            var sized = Sized(pool, one.SizedOn, one.TrendLowering);
            decimal Cost(decimal threeYear, decimal oneYear) =>
                (threeYear * prices.ThreeYear.Fee + oneYear * prices.OneYear.Fee) * sized.Length
                + prices.OnDemand * sized.Sum(u => Math.Max(0m, u - threeYear - oneYear));
            var layered = Cost(three.PlanLevel, one.PlanLevel);
            var threeOnly = Cost(three.PlanLevel, pool.ExistingOneYear);
            var oneYearAlone = Oracle.Best(sized, prices.OnDemand, prices.OneYear.Fee, pool.ExistingThreeYear, pool.ExistingOneYear).Level;
            var oneOnly = Cost(pool.ExistingThreeYear, oneYearAlone);
            return layered <= threeOnly && layered <= oneOnly;
        });
}
