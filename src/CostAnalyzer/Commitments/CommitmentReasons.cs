using System.Globalization;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Commitments;

/// <summary>What the advisor knew about one term when it decided, for <see cref="CommitmentReasons"/>.</summary>
internal sealed record TermFacts
{
    public required PoolStudy Study { get; init; }
    public required CommitmentTerm Term { get; init; }
    public required CommitmentAdvisor.TermSizing Sizing { get; init; }
    /// <summary>The 3-year sizing beneath a 1-year term; null for the 3-year term.</summary>
    public CommitmentAdvisor.TermSizing? Beneath { get; init; }
    /// <summary>Plan level − existing, whatever the advice.</summary>
    public required decimal Wanted { get; init; }
    public required CommitmentAdvice Advice { get; init; }
    public required decimal Savings { get; init; }
    public required decimal Utilisation { get; init; }
    public required decimal Coverage { get; init; }
    public required decimal BreakEven { get; init; }
    public IReadOnlyList<LadderStep>? Ladder { get; init; }
}

/// <summary>The reason of a recommendation, in words a finance reader follows: what to do, what it saves, why.</summary>
internal static class CommitmentReasons
{
    public static string Explain(TermFacts f) => f.Advice switch
    {
        CommitmentAdvice.Buy => Buy(f),
        CommitmentAdvice.Wait => Wait(f),
        _ => Nothing(f),
    };

    private static string Buy(TermFacts f)
    {
        var plan = f.Sizing.Plan;
        var held = f.Sizing.Existing > 0m ? $", on top of the {Amount(f, f.Sizing.Existing)} you hold (total {Amount(f, plan.Level)})" : "";
        var parts = new List<string>
        {
            $"Buy {Amount(f, f.Wanted)} of {f.Term.Years()} commitment for {f.Study.Pool.Key}{held}: it saves about {Money(f, f.Savings)} a month.",
            Window(f),
            $"A {f.Term.Years()} commitment pays off when it is used at least {Percent(f.BreakEven)} of the time; this one would be used {Percent(f.Utilisation)} and cover {Percent(f.Coverage)} of the usage{(f.Study.Lowering(f.Term) > 0m ? " expected over the term" : "")}.",
        };
        if (f.Beneath is { } three && three.Plan.Level > 0m)
            parts.Add($"It sits above the {Amount(f, three.Plan.Level)} of 3-year commitment, which is cheaper: the 1-year commitment covers usage that may not last three years.");
        parts.Add(Trend(f));
        parts.Add(Ladder(f));
        return Join(parts);
    }

    private static string Wait(TermFacts f) => Join(
    [
        $"Only {Days(f.Study.History)} days of history, less than the {Days(f.Study.Options.MinimumHistory)} needed: wait before committing.",
        $"On the data so far the plan would hold {Amount(f, f.Sizing.Plan.Level)} of {f.Term.Years()} commitment (buy {Amount(f, f.Wanted)}), saving about {Money(f, f.Savings)} a month.",
        Window(f),
        Trend(f),
    ]);

    private static string Nothing(TermFacts f)
    {
        var years = f.Term.Years();
        if (!f.Study.HasUsage)
            return $"Nothing of {f.Study.Pool.Key} was used in the last {Days(f.Study.Lookback.Count)} days: there is nothing to commit.";
        if (f.Study.Prices.BreakEven(f.Term) >= 1m)
            return $"A {years} commitment costs no less than on-demand here: there is nothing to gain.";
        string why;
        if (f.Sizing.Existing > 0m)
            why = $"The {Amount(f, f.Sizing.Existing)} of {years} commitment you hold already cover all the usage worth committing: buy no more.";
        else if (f.Beneath is { } three && three.Plan.Level > 0m)
            why = $"The 3-year plan ({Amount(f, three.Plan.Level)}) already covers the usage steady enough to commit; a 1-year commitment above it would be used less than the {Percent(f.BreakEven)} of the time it needs to pay off.";
        else if (f.Study.Lowering(f.Term) > 0m)
            return $"Usage has been falling by about {Usage(f, -f.Study.Trend.PerDay * 30m)} a month: too little of it is likely to last the {years} term to be worth committing.";
        else
            why = $"Usage is too uneven: any {years} commitment would be used less than the {Percent(f.BreakEven)} of the time it needs to pay off.";
        return Join([why, Trend(f)]);
    }

    /// <summary>Which window set the level: the guard's sentence.</summary>
    private static string Window(TermFacts f)
    {
        var plan = f.Sizing.Plan;
        var (lookback, recent) = (Days(f.Study.Lookback.Count), Days(f.Study.Recent.Count));
        if (lookback == recent) return $"Sized on the last {lookback} days.";
        return plan.Window == SizingWindow.Recent
            ? $"Sized on the last {recent} days, which support less than the last {lookback} days ({Amount(f, plan.OtherWindowLevel)}): usage dropped recently, so the lower level is taken."
            : $"Sized on the last {lookback} days; the last {recent} days alone support {Amount(f, plan.OtherWindowLevel)}, no less.";
    }

    private static string Trend(TermFacts f)
    {
        var lowering = f.Study.Lowering(f.Term);
        if (lowering <= 0m) return "";
        var perMonth = Usage(f, -f.Study.Trend.PerDay * 30m);
        return $"Usage has been falling by about {perMonth} a month, so this is sized {Usage(f, lowering)} below past usage, on what is likely to last the {f.Term.Years()} term.";
    }

    private static string Ladder(TermFacts f)
    {
        if (f.Ladder is not { Count: > 1 } steps) return "";
        var why = f.Study.Growing ? "Usage is growing" : $"The last {Days(f.Study.Recent.Count)} days and the last {Days(f.Study.Lookback.Count)} days disagree";
        var later = string.Join(", ", steps.Skip(1).Select(s => $"{Amount(f, s.Buy)} in {s.MonthsFromNow} month{(s.MonthsFromNow == 1 ? "" : "s")}"));
        return $"{why}, so buy in steps: {Amount(f, steps[0].Buy)} now, then {later}.";
    }

    /// <summary>A commitment level in the pool's unit: "12 vCPU", "64 GiB", "$72.00/h".</summary>
    internal static string Amount(TermFacts f, decimal level) => Quantity(f.Study.Pool, level);

    internal static string Quantity(CommitmentPool pool, decimal level) => pool.Key.Type == CommitmentType.Flexible
        ? MoneyText.Format(level, pool.Currency) + "/h"
        : $"{level.ToString("#,##0.##", CultureInfo.InvariantCulture)} {pool.Unit}";

    /// <summary>An amount of usage: units for resources, on-demand spend per hour for flexible pools.</summary>
    private static string Usage(TermFacts f, decimal usage) => f.Study.Pool.Key.Type == CommitmentType.Flexible
        ? MoneyText.Format(usage, f.Study.Pool.Currency) + "/h of on-demand spend"
        : Quantity(f.Study.Pool, Math.Round(usage, 1, MidpointRounding.AwayFromZero));

    private static string Money(TermFacts f, decimal amount) => MoneyText.Format(amount, f.Study.Pool.Currency);

    private static string Percent(decimal share) => MoneyText.Percent(share * 100m);

    private static int Days(int hours) => hours / 24;

    private static int Days(TimeSpan span) => (int)span.TotalDays;

    private static string Join(IEnumerable<string> parts) => string.Join(" ", parts.Where(p => p.Length > 0));
}
