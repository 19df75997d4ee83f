using Costs.CostModel.Allocation;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Alerts;

/// <summary>
/// Daily spend anomalies per service and environment. A day's net is compared with the same weekday
/// in each of the previous <see cref="AnomalyOptions.LookbackWeeks"/> weeks (weekly cycles: weekends
/// cost less). Baseline = the median of those days; spread = 1.4826 × the median absolute deviation
/// (MAD), which estimates a standard deviation and is not pulled by one earlier spike. A day is an
/// anomaly when |day − median| ≥ <see cref="AnomalyOptions.MinAbsoluteChange"/> and
/// |day − median| &gt; <see cref="AnomalyOptions.Sensitivity"/> × spread. Weekdays on which the data
/// holds no rows at all are left out of the baseline (not counted as zero); at least two are needed.
/// A pair with no rows on a covered day spent zero that day.
/// </summary>
public static class AnomalyAlerts
{
    private const decimal MadScale = 1.4826m;

    public static IEnumerable<Alert> Detect(IReadOnlyList<AllocationRow> rows, DateOnly asOf, Currency currency, AnomalyOptions options)
    {
        var covered = rows.Select(r => r.Day).ToHashSet();
        var byPairDay = rows.Where(r => r.Dimensions.Service is not null)
            .GroupBy(r => (Service: r.Dimensions.Service!, Env: r.Dimensions.Environment ?? ""))
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Day).ToDictionary(d => d.Key, d => d.Sum(r => r.Net)));

        for (var k = options.RecentDays - 1; k >= 0; k--)
        {
            var day = asOf.AddDays(-k);
            if (!covered.Contains(day)) continue;
            var baselineDays = Enumerable.Range(1, options.LookbackWeeks).Select(w => day.AddDays(-7 * w))
                .Where(covered.Contains).ToList();
            if (baselineDays.Count < 2) continue;
            foreach (var (pair, days) in byPairDay.OrderBy(p => p.Key.Service, StringComparer.Ordinal).ThenBy(p => p.Key.Env, StringComparer.Ordinal))
            {
                var value = days.GetValueOrDefault(day);
                var baseline = baselineDays.Select(d => days.GetValueOrDefault(d)).ToList();
                var median = Median(baseline);
                var spread = MadScale * Median(baseline.Select(b => Math.Abs(b - median)).ToList());
                var change = value - median;
                if (Math.Abs(change) < options.MinAbsoluteChange || Math.Abs(change) <= options.Sensitivity * spread) continue;
                yield return Build(pair.Service, pair.Env, day, value, median, spread, baseline.Count, currency,
                    rows.Where(r => r.Day == day && r.Dimensions.Service == pair.Service && (r.Dimensions.Environment ?? "") == pair.Env));
            }
        }
    }

    private static Alert Build(string service, string env, DateOnly day, decimal value, decimal median, decimal spread,
        int weeks, Currency currency, IEnumerable<AllocationRow> dayRows)
    {
        var money = (decimal d) => MoneyText.Format(d, currency);
        var change = value - median;
        var up = change > 0m;
        var envText = env.Length == 0 ? "(no environment)" : env;
        var ratio = median > 0m ? MoneyText.Percent(change / median * 100m) : "new spend";
        var dayRowList = dayRows.ToList();
        var topSku = dayRowList.GroupBy(r => (r.Dimensions.CloudService, r.Dimensions.Sku))
            .Select(g => (g.Key, Net: g.Sum(r => r.Net))).OrderByDescending(g => g.Net).FirstOrDefault();
        var skuHint = topSku.Key.Sku is { Length: > 0 } ? $" The largest item that day was {topSku.Key.CloudService} / {topSku.Key.Sku} ({money(topSku.Net)})." : "";
        return new Alert
        {
            Key = $"anomaly:service={service},environment={envText}:{MoneyText.Day(day)}",
            Kind = AlertKind.Anomaly,
            Severity = up ? (median > 0m && value >= 3m * median ? AlertSeverity.Critical : AlertSeverity.Warning) : AlertSeverity.Info,
            Title = $"Spend {(up ? "spike" : "drop")}: {service} in {envText} on {MoneyText.Day(day)}",
            What = $"{service} in {envText} cost {money(value)} on {day.DayOfWeek} {MoneyText.Day(day)}, {(up ? "up" : "down")} {money(Math.Abs(change))} ({(median > 0m ? (up ? "+" : "") + ratio : ratio)}) on a usual {day.DayOfWeek}.",
            HowMuch = $"{money(value)} that day",
            ComparedWith = $"median of the same weekday over the previous {weeks} week(s): {money(median)} (spread {money(spread)})",
            Action = (up
                ? "Check deployments, traffic and autoscaling of the service on that day; if it is expected, no action is needed."
                : "Check that the service is healthy and that its costs are still labelled (a drop can be spend moving to unallocated).") + skuHint,
            Currency = currency,
            Team = BudgetAlerts.Owner(dayRowList),
            Environment = env.Length == 0 ? null : env,
        };
    }

    internal static decimal Median(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0) return 0m;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }
}
