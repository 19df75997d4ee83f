using Costs.CostAnalyzer.Recommendations;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Commitments;

/// <summary>
/// Commitment recommendations: for each pool, one row per term (3-year, then 1-year). Pure: data in,
/// records out. The model, the guard, the layering and the advice are explained in docs/commitments.md.
/// <list type="bullet">
/// <item>Each term is sized on the lookback and on the recent window; the lower level wins (the guard).</item>
/// <item>Layering: the 3-year level is the 3-year optimum above the 1-year commitments already held;
/// the 1-year level is the 1-year optimum above the 3-year plan. Existing commitments are a floor: the
/// purchase is what the plan adds to them, never negative.</item>
/// <item>With less history than the minimum the advice is to wait: nothing is bought, but the levels
/// and the curve are still given.</item>
/// </list>
/// </summary>
public static class CommitmentAdvisor
{
    public static IReadOnlyList<CommitmentRecommendation> Recommend(IEnumerable<CommitmentPool> pools, CommitmentOptions options) =>
        pools.SelectMany(p => Recommend(p, options)).ToList();

    public static IReadOnlyList<CommitmentRecommendation> Recommend(CommitmentPool pool, CommitmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(options);
        OptionsCheck.ThrowIfInvalid(options.Validate, "Commitments");
        Check(pool);
        var study = new PoolStudy(pool, PricesOf(pool, options), options);

        var threeYear = Size(study, CommitmentTerm.ThreeYear, study.Covers(CommitmentTerm.OneYear, pool.ExistingOneYear));
        var oneYear = Size(study, CommitmentTerm.OneYear, study.Covers(CommitmentTerm.ThreeYear, threeYear.Plan.Level));
        var threeYearFee = study.Prices.ThreeYear.Fee * threeYear.Plan.Level;
        var oneYearFee = study.Prices.OneYear.Fee * pool.ExistingOneYear;
        return [Describe(study, threeYear, oneYearFee, null), Describe(study, oneYear, threeYearFee, threeYear)];
    }

    /// <summary>A term's level sized on one window: the level, its curve, and Σ of the sized usage in commitment units.</summary>
    internal sealed record Sizing(decimal Level, SizingWindow Window, CostCurve Curve, decimal Total, decimal OtherWindowLevel);

    internal sealed record TermSizing(CommitmentTerm Term, Sizing Alone, Sizing Plan, decimal Existing);

    private static TermSizing Size(PoolStudy study, CommitmentTerm term, decimal offset)
    {
        var existing = study.Pool.Existing(term);
        return new TermSizing(term, Guarded(study, term, 0m, 0m), Guarded(study, term, offset, existing), existing);
    }

    /// <summary>The term's optimum on both windows; the lower wins, the lookback on a tie.</summary>
    private static Sizing Guarded(PoolStudy study, CommitmentTerm term, decimal offset, decimal minimum)
    {
        var price = study.Prices.Of(term);
        Sizing On(SizingWindow window)
        {
            var series = study.Series(window, term);
            var curve = new CostCurve(series, offset, study.Prices.OnDemand, price, study.Pool.Grid);
            return new Sizing(curve.Optimum(minimum), window, curve, price.LevelPerUsage * series.Sum(), 0m);
        }
        var lookback = On(SizingWindow.Lookback);
        var recent = On(SizingWindow.Recent);
        return recent.Level < lookback.Level
            ? recent with { OtherWindowLevel = lookback.Level }
            : lookback with { OtherWindowLevel = recent.Level };
    }

    private static CommitmentRecommendation Describe(PoolStudy study, TermSizing sized, decimal otherFeePerHour, TermSizing? beneath)
    {
        var (pool, plan, term) = (study.Pool, sized.Plan, sized.Term);
        var curve = plan.Curve;
        // Exact, per month; each stated figure is rounded from its exact value.
        decimal MonthlyCost(decimal level) => (curve.Cost(level) + otherFeePerHour * curve.Hours) * Monthly.Hours / curve.Hours;
        var wanted = plan.Level - sized.Existing;
        var advice = !study.HasUsage || wanted <= 0m ? CommitmentAdvice.None
            : !study.EnoughHistory ? CommitmentAdvice.Wait : CommitmentAdvice.Buy;
        var facts = new TermFacts
        {
            Study = study, Term = term, Sizing = sized, Beneath = beneath, Wanted = wanted, Advice = advice,
            Savings = Monthly.Cents(MonthlyCost(sized.Existing) - MonthlyCost(plan.Level)),
            Utilisation = Monthly.Share(curve.Utilisation(plan.Level)),
            Coverage = plan.Total == 0m ? 0m : Monthly.Share(curve.Covered(plan.Level) / plan.Total),
            BreakEven = Monthly.Share(study.Prices.BreakEven(term)),
            Ladder = advice == CommitmentAdvice.Buy ? Ladder(study, plan, wanted) : null,
        };
        return new CommitmentRecommendation
        {
            Type = pool.Key.Type, Region = pool.Key.Region, Family = pool.Key.Family, Resource = pool.Key.Resource,
            Term = term, Unit = pool.Unit, Currency = pool.Currency,
            LevelAlone = sized.Alone.Level, PlanLevel = plan.Level, Existing = sized.Existing,
            Buy = advice == CommitmentAdvice.Buy ? wanted : 0m,
            MonthlySavings = advice == CommitmentAdvice.Buy ? facts.Savings : 0m,
            Utilisation = facts.Utilisation, Coverage = facts.Coverage, BreakEvenUtilisation = facts.BreakEven,
            Advice = advice, Reason = CommitmentReasons.Explain(facts),
            Curve = Points(curve, MonthlyCost, [sized.Existing, plan.Level], study.Options.MaxCurvePoints),
            Ladder = facts.Ladder, SizedOn = plan.Window,
            TrendLowering = Math.Round(study.Lowering(term) * study.Prices.Of(term).LevelPerUsage, 2),
        };
    }

    /// <summary>
    /// Spread a purchase over months when usage is growing, or when the two windows disagree by more than
    /// the uncertainty threshold: a share now and the rest in equal monthly steps, in whole grid units.
    /// </summary>
    private static IReadOnlyList<LadderStep>? Ladder(PoolStudy study, Sizing plan, decimal buy)
    {
        var high = Math.Max(plan.Level, plan.OtherWindowLevel);
        var uncertain = high > 0m && Math.Abs(plan.Level - plan.OtherWindowLevel) > study.Options.UncertaintyThreshold * high;
        if ((!study.Growing && !uncertain) || buy < 2m * study.Pool.Grid) return null;
        var steps = study.Options.LadderMonths + 1;
        var scale = study.Pool.Key.Type == CommitmentType.Resource ? 0 : 2;
        var parts = Split.ByWeight(buy, Enumerable.Repeat(1m, steps).ToArray(), scale);
        return parts.Select((amount, month) => new LadderStep(month, amount)).Where(s => s.Buy > 0m).ToList();
    }

    /// <summary>
    /// The curve from level 0 to the level where no hour is left on demand, at a whole-grid step chosen so
    /// that there are at most <paramref name="maxPoints"/> of them, plus the levels in <paramref name="marks"/>.
    /// Cost and savings are each rounded from their exact value, so a saving may differ by a cent from the
    /// difference of two rounded costs.
    /// </summary>
    private static List<CurvePoint> Points(CostCurve curve, Func<decimal, decimal> monthlyCost, decimal[] marks, int maxPoints)
    {
        var top = Math.Max(curve.MaxLevel, marks.Max());
        var step = curve.Grid * Math.Max(1m, Math.Ceiling(top / curve.Grid / (maxPoints - 1)));
        var levels = new SortedSet<decimal>(marks) { top };
        for (var level = 0m; level <= top; level += step) levels.Add(level);
        var atZero = monthlyCost(0m);
        return levels.Select(level =>
        {
            var cost = monthlyCost(level);
            return new CurvePoint(level, Monthly.Cents(cost), Monthly.Cents(atZero - cost));
        }).ToList();
    }

    private static PoolPrices PricesOf(CommitmentPool pool, CommitmentOptions options) =>
        pool.Prices ?? (pool.Key.Type == CommitmentType.Flexible
            ? PoolPrices.Flexible(options.FlexibleOneYearDiscount, options.FlexibleThreeYearDiscount)
            : throw new ArgumentException($"The resource-based pool {pool.Key} has no prices.", nameof(pool)));

    private static void Check(CommitmentPool pool)
    {
        if (pool.Hours.Count == 0) throw new ArgumentException($"The pool {pool.Key} has no hours of usage.", nameof(pool));
        if (pool.Start.Offset != TimeSpan.Zero || pool.Start.Ticks % TimeSpan.TicksPerHour != 0)
            throw new ArgumentException($"The pool {pool.Key} starts at {pool.Start:O}, not at a whole UTC hour.", nameof(pool));
        foreach (var term in new[] { CommitmentTerm.OneYear, CommitmentTerm.ThreeYear })
        {
            var held = pool.Existing(term);
            if (held < 0m || held % pool.Grid != 0m)
                throw new ArgumentException($"The existing {term.Years()} commitment of {pool.Key} ({held} {pool.Unit}) is not a whole number of {pool.Grid} {pool.Unit}.", nameof(pool));
        }
    }
}
