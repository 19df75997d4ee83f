using Costs.CostModel.Allocation;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Alerts;

/// <summary>
/// Monthly budgets against actual month-to-date spend and against a forecast of month-end spend.
/// The month is the calendar month of <c>asOf</c>, by usage day; month to date is its first day
/// through <c>asOf</c> inclusive. Forecast = month to date + (mean daily net of the last 7 days
/// ending at <c>asOf</c>, fewer when the data is younger) × days left in the month after <c>asOf</c>.
/// Only the highest threshold crossed alerts (its key names the threshold, so crossing the next one
/// later is a new alert); the forecast alerts only for a threshold above the one actual spend crossed.
/// </summary>
public static class BudgetAlerts
{
    public const int ForecastWindowDays = 7;

    public static IEnumerable<Alert> Detect(IReadOnlyList<AllocationRow> rows, DateOnly asOf, Currency currency,
        IReadOnlyList<BudgetOptions> budgets)
    {
        var monthStart = new DateOnly(asOf.Year, asOf.Month, 1);
        var daysInMonth = DateTime.DaysInMonth(asOf.Year, asOf.Month);
        var daysLeft = daysInMonth - asOf.Day;
        var firstDay = rows.Count == 0 ? asOf : rows.Min(r => r.Day);
        var windowStart = asOf.AddDays(-(ForecastWindowDays - 1));
        if (windowStart < firstDay) windowStart = firstDay;
        var windowDays = asOf.DayNumber - windowStart.DayNumber + 1;

        foreach (var budget in budgets)
        {
            var scope = budget.ParsedScope;
            var mine = rows.Where(r => Matches(r.Dimensions, scope, budget.Name) && r.Day <= asOf).ToList();
            var mtd = mine.Where(r => r.Day >= monthStart).Sum(r => r.Net);
            var recent = mine.Where(r => r.Day >= windowStart).Sum(r => r.Net);
            var dailyMean = windowDays > 0 ? recent / windowDays : 0m;
            var forecast = mtd + Math.Max(0m, dailyMean) * daysLeft;
            var thresholds = budget.EffectiveThresholds;
            var actualPct = mtd / budget.Monthly * 100m;
            var forecastPct = forecast / budget.Monthly * 100m;
            var actualHit = thresholds.Where(t => actualPct >= t).DefaultIfEmpty(0m).Max();
            var forecastHit = thresholds.Where(t => forecastPct >= t && t > actualHit).DefaultIfEmpty(0m).Max();
            var scopeText = $"{ScopeName(scope)}={budget.Name}";
            var month = MoneyText.Month(asOf);
            var money = (decimal d) => MoneyText.Format(d, currency);
            var (team, env) = RoutingOf(scope, budget.Name, mine);

            if (actualHit > 0m)
            {
                yield return new Alert
                {
                    Key = $"budget:{scopeText}:{month}:{AlertOptions.Num(actualHit)}",
                    Kind = AlertKind.Budget,
                    Severity = actualHit >= 100m ? AlertSeverity.Critical : actualHit >= 90m ? AlertSeverity.Warning : AlertSeverity.Info,
                    Title = $"Budget {MoneyText.Percent(actualHit)} reached: {ScopeName(scope)} {budget.Name}",
                    What = $"Spend of {ScopeName(scope)} {budget.Name} in {month} has reached {MoneyText.Percent(actualPct)} of its monthly budget (as of {MoneyText.Day(asOf)}).",
                    HowMuch = $"{money(mtd)} month to date",
                    ComparedWith = $"monthly budget {money(budget.Monthly)}; forecast for the month {money(forecast)} ({MoneyText.Percent(forecastPct)})",
                    Action = actualHit >= 100m
                        ? $"The budget is spent. Find what grew in the workbook's service sheet for {budget.Name}, and stop it or raise the budget."
                        : $"Check the largest services of {budget.Name} this month; {daysLeft} day(s) remain in {month}.",
                    Currency = currency,
                    Team = team,
                    Environment = env,
                };
            }
            if (forecastHit > 0m)
            {
                yield return new Alert
                {
                    Key = $"budget-forecast:{scopeText}:{month}:{AlertOptions.Num(forecastHit)}",
                    Kind = AlertKind.BudgetForecast,
                    Severity = forecastHit >= 100m ? AlertSeverity.Warning : AlertSeverity.Info,
                    Title = $"Forecast to reach {MoneyText.Percent(forecastHit)} of budget: {ScopeName(scope)} {budget.Name}",
                    What = $"At the pace of the last {windowDays} day(s), {ScopeName(scope)} {budget.Name} will spend {MoneyText.Percent(forecastPct)} of its {month} budget.",
                    HowMuch = $"{money(forecast)} forecast for the month ({money(mtd)} so far, {money(dailyMean)} a day)",
                    ComparedWith = $"monthly budget {money(budget.Monthly)}",
                    Action = $"Act before the month ends ({daysLeft} day(s) left): lower the daily spend below {money(daysLeft > 0 ? Math.Max(0m, budget.Monthly * forecastHit / 100m - mtd) / daysLeft : 0m)} or raise the budget.",
                    Currency = currency,
                    Team = team,
                    Environment = env,
                };
            }
        }
    }

    internal static bool Matches(Dimensions d, BudgetScope scope, string name) => scope switch
    {
        BudgetScope.Service => d.Service == name,
        BudgetScope.Team => d.Team == name,
        BudgetScope.Environment => d.Environment == name,
        BudgetScope.Project => d.Project == name,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown budget scope."),
    };

    internal static string ScopeName(BudgetScope scope) => scope switch
    {
        BudgetScope.Service => "service",
        BudgetScope.Team => "team",
        BudgetScope.Environment => "environment",
        BudgetScope.Project => "project",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown budget scope."),
    };

    /// <summary>A team budget goes to the team; a service or project budget to the team that spends most in it.</summary>
    private static (string? Team, string? Environment) RoutingOf(BudgetScope scope, string name, IReadOnlyList<AllocationRow> mine) => scope switch
    {
        BudgetScope.Team => (name, null),
        BudgetScope.Environment => (null, name),
        _ => (Owner(mine), null),
    };

    internal static string? Owner(IEnumerable<AllocationRow> rows) =>
        rows.Where(r => r.Dimensions.Team is not null)
            .GroupBy(r => r.Dimensions.Team!, StringComparer.Ordinal)
            .Select(g => (Team: g.Key, Net: g.Sum(r => r.Net)))
            .OrderByDescending(t => t.Net).ThenBy(t => t.Team, StringComparer.Ordinal)
            .Select(t => t.Team).FirstOrDefault();
}
