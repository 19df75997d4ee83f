using Costs.CostAnalyzer.Commitments;
using static Costs.CostAnalyzer.Tests.Commitments.Pools;

namespace Costs.CostAnalyzer.Tests.Commitments;

public class CommitmentAdvisorTests
{
    private static readonly CommitmentOptions Defaults = new();
    /// <summary>Trends count only when they move usage by 99%: isolates the guard from the trend.</summary>
    private static readonly CommitmentOptions NoTrend = new() { TrendThreshold = 0.99m };

    private static (CommitmentRecommendation Three, CommitmentRecommendation One) Recommend(CommitmentPool pool, CommitmentOptions? options = null)
    {
        var rows = CommitmentAdvisor.Recommend(pool, options ?? Defaults);
        Assert.Equal([CommitmentTerm.ThreeYear, CommitmentTerm.OneYear], rows.Select(r => r.Term));
        return (rows[0], rows[1]);
    }

    [Fact]
    public void Recommend_FlatUsageHalfAYear_AllOnThreeYearsNothingOnOneYear()
    {
        var (three, one) = Recommend(N2(Series.Flat(180, 20m)));

        Assert.Equal((20m, 20m, 20m, CommitmentAdvice.Buy), (three.LevelAlone, three.PlanLevel, three.Buy, three.Advice));
        // (0.0252888 − 0.014225) × 20 vCPU × 730 h = 161.53148
        Assert.Equal(161.53m, three.MonthlySavings);
        Assert.Equal((1m, 1m, 0.5625m), (three.Utilisation, three.Coverage, three.BreakEvenUtilisation));
        Assert.Equal((20m, 0m, 0m, CommitmentAdvice.None), (one.LevelAlone, one.PlanLevel, one.Buy, one.Advice));
        Assert.Contains("3-year plan (20 vCPU) already covers", one.Reason);
        Assert.Null(three.Ladder);
    }

    [Fact]
    public void Recommend_LessThanSixMonthsOfHistory_WaitsAndStillGivesTheCurve()
    {
        var (three, _) = Recommend(N2(Series.Flat(90, 20m)));

        Assert.Equal((CommitmentAdvice.Wait, 0m, 0m, 20m), (three.Advice, three.Buy, three.MonthlySavings, three.PlanLevel));
        Assert.StartsWith("Only 90 days of history, less than the 180 needed: wait", three.Reason);
        Assert.Contains("saving about $161.53 a month", three.Reason);
        Assert.Equal(161.53m, three.Curve.Single(p => p.Level == 20m).MonthlySavings);
    }

    [Fact]
    public void Recommend_FirstUsageLongBeforeTheSeries_CountsAsHistory()
    {
        var pool = N2(Series.Flat(30, 20m)) with { FirstUsage = Start.AddDays(-200) };

        Assert.Equal(CommitmentAdvice.Buy, Recommend(pool).Three.Advice);
    }

    [Fact]
    public void Recommend_RecentDrop_TheLast30DaysSetTheLevelAndTheReasonSaysSo()
    {
        // 160 days at 20 vCPU, then 20 days at 10: over 180 days the 3-year optimum is 20, over the last 30 it is 10.
        var (three, one) = Recommend(N2(Series.Step(180, 160, 20m, 10m)), NoTrend);

        Assert.Equal((10m, SizingWindow.Recent), (three.PlanLevel, three.SizedOn));
        Assert.Contains("Sized on the last 30 days, which support less than the last 180 days (20 vCPU)", three.Reason);
        Assert.Equal(0m, one.PlanLevel);
        // The windows disagree by half: buy in a ladder, a quarter now.
        Assert.Equal([new LadderStep(0, 3m), new LadderStep(1, 3m), new LadderStep(2, 2m), new LadderStep(3, 2m)], three.Ladder);
    }

    [Fact]
    public void Recommend_RecentRise_TheLookbackSetsTheLevel()
    {
        var (three, _) = Recommend(N2(Series.Step(180, 160, 10m, 20m)), NoTrend);

        Assert.Equal((10m, SizingWindow.Lookback), (three.PlanLevel, three.SizedOn));
        Assert.Contains("Sized on the last 180 days; the last 30 days alone support 20 vCPU, no less.", three.Reason);
    }

    [Fact]
    public void Recommend_HoldingMoreThanTheOptimum_BuysNothingAndSaysWhy()
    {
        var (three, _) = Recommend(N2(Series.Flat(180, 20m), existingThreeYear: 30m));

        Assert.Equal((30m, 30m, 0m, 0m, CommitmentAdvice.None), (three.PlanLevel, three.Existing, three.Buy, three.MonthlySavings, three.Advice));
        Assert.Contains("The 30 vCPU of 3-year commitment you hold already cover", three.Reason);
    }

    [Fact]
    public void Recommend_HoldingOneYearCommitments_ThreeYearsBuysOnlyAboveThem()
    {
        var (three, one) = Recommend(N2(Series.Flat(180, 20m), existingOneYear: 8m));

        Assert.Equal((20m, 12m, 12m), (three.LevelAlone, three.PlanLevel, three.Buy));
        Assert.Equal((8m, 8m, 0m, CommitmentAdvice.None), (one.PlanLevel, one.Existing, one.Buy, one.Advice));
        // (0.0252888 − 0.014225) × 12 × 730 = 96.918888
        Assert.Equal(96.92m, three.MonthlySavings);
    }

    [Fact]
    public void Recommend_FallingUsage_ThreeYearsLoweredMoreAndOneYearHedges()
    {
        // From 30 down to 27 vCPU over 180 days: 0.0167 vCPU a day. Over a term of D days the level is
        // lowered by 0.0167·D·(1 − d): 0.0167 × 365 × 0.7875 ≈ 5 for one year, 0.0167 × 1095 × 0.5625 ≈ 10 for three.
        var (three, one) = Recommend(N2(Series.Ramp(180, 30m, 27m)));

        Assert.Equal((10m, 5m), (three.TrendLowering, one.TrendLowering));
        Assert.True(three.PlanLevel < one.LevelAlone, $"{three.PlanLevel} / {one.LevelAlone}");
        Assert.Equal(one.LevelAlone - three.PlanLevel, one.Buy);
        Assert.Contains("Usage has been falling by about 0.5 vCPU a month, so this is sized 5 vCPU below past usage", one.Reason);
        Assert.Contains("It sits above the 17 vCPU of 3-year commitment", one.Reason);
    }

    [Fact]
    public void Recommend_UsageHalvingInSixMonths_NothingLastsATerm()
    {
        var (three, one) = Recommend(N2(Series.Ramp(180, 40m, 20m)));

        Assert.Equal((0m, 0m), (three.PlanLevel, one.PlanLevel));
        Assert.StartsWith("Usage has been falling by about 3.3 vCPU a month: too little of it is likely to last the 1-year term", one.Reason);
    }

    [Fact]
    public void Recommend_GrowingUsage_BuysInALadderThatAddsUpToThePurchase()
    {
        var (three, _) = Recommend(N2(Series.Ramp(180, 20m, 40m)));

        Assert.NotNull(three.Ladder);
        Assert.Equal(three.Buy, three.Ladder.Sum(s => s.Buy));
        Assert.Equal(Enumerable.Range(0, three.Ladder.Count), three.Ladder.Select(s => s.MonthsFromNow));
        Assert.Contains("Usage is growing, so buy in steps", three.Reason);
    }

    [Fact]
    public void Recommend_FlexiblePool_LevelsAreDiscountedSpendPerHour()
    {
        // $100/h of eligible on-demand spend, all hours: the 3-year commitment is $54/h (46% off), the
        // 1-year one alone would be $72/h (28% off).
        var (three, one) = Recommend(Flexible(Series.Flat(180, 100m)));

        Assert.Equal(("USD/h", 54m, 54m, 72m, 0m), (three.Unit, three.LevelAlone, three.Buy, one.LevelAlone, one.PlanLevel));
        // (100 − 54) × 730 = 33,580
        Assert.Equal(33_580m, three.MonthlySavings);
        Assert.StartsWith("Buy $54.00/h of 3-year commitment for flexible commitments in us-central1", three.Reason);
    }

    [Fact]
    public void Recommend_FlexiblePoolHoldingOneYear_ThreeYearsCoversTheRest()
    {
        // $36/h of 1-year commitment covers $50/h of spend; the 3-year commitment covers the other $50/h: $27/h.
        var (three, one) = Recommend(Flexible(Series.Flat(180, 100m), existingOneYear: 36m));

        Assert.Equal((27m, 36m, 0m), (three.Buy, one.PlanLevel, one.Buy));
    }

    [Fact]
    public void Recommend_NoUsage_NothingToCommit()
    {
        var (three, one) = Recommend(N2(Series.Flat(180, 0m)));

        Assert.Equal((CommitmentAdvice.None, CommitmentAdvice.None), (three.Advice, one.Advice));
        Assert.StartsWith("Nothing of N2 vCPU in us-central1 was used in the last 180 days", three.Reason);
    }

    [Fact]
    public void Recommend_ResourcePoolWithoutPrices_Throws() =>
        Assert.Throws<ArgumentException>(() => CommitmentAdvisor.Recommend(N2(Series.Flat(1, 1m)) with { Prices = null }, Defaults));

    [Fact]
    public void Recommend_ExistingNotWhole_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => CommitmentAdvisor.Recommend(N2(Series.Flat(1, 1m), existingOneYear: 2.5m), Defaults));
        Assert.Contains("2.5 vCPU", e.Message);
    }

    [Fact]
    public void Recommend_StartNotOnTheHour_Throws() =>
        Assert.Throws<ArgumentException>(() => CommitmentAdvisor.Recommend(N2(Series.Flat(1, 1m)) with { Start = Start.AddMinutes(5) }, Defaults));

    [Fact]
    public void Validate_BadOptions_NamesEachByPath()
    {
        var errors = new List<string>();
        new CommitmentOptions { RecentWindow = TimeSpan.FromDays(400), FlexibleOneYearDiscount = 1.2m, LadderMonths = 0 }
            .Validate("Recommendations:Commitments", errors);

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Recommendations:Commitments:RecentWindow:", StringComparison.Ordinal));
    }
}
