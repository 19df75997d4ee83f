using Costs.CostModel.Allocation;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Alerts;

/// <summary>
/// Spend that no rule attributed: its share of the month, and spend that appeared recently without labels.
/// </summary>
public static class UnallocatedAlerts
{
    /// <summary>
    /// Unallocated net as a percent of all net spend from the first of <c>asOf</c>'s month through
    /// <c>asOf</c>. No alert when the month's net is zero or negative (credits exceed cost).
    /// </summary>
    public static IEnumerable<Alert> Share(IReadOnlyList<AllocationRow> rows, DateOnly asOf, Currency currency, decimal thresholdPercent)
    {
        var monthStart = new DateOnly(asOf.Year, asOf.Month, 1);
        var month = rows.Where(r => r.Day >= monthStart && r.Day <= asOf).ToList();
        var total = month.Sum(r => r.Net);
        if (total <= 0m) yield break;
        var unallocated = month.Where(r => r.Kind == CostKind.Unallocated).ToList();
        var amount = unallocated.Sum(r => r.Net);
        var share = amount / total * 100m;
        if (share <= thresholdPercent) yield break;
        var money = (decimal d) => MoneyText.Format(d, currency);
        var top = unallocated.GroupBy(r => r.Dimensions.Project ?? "(no project)", StringComparer.Ordinal)
            .Select(g => (Project: g.Key, Net: g.Sum(r => r.Net), Missing: g.Select(r => r.Missing).FirstOrDefault(m => m.Length > 0)))
            .OrderByDescending(g => g.Net).ThenBy(g => g.Project, StringComparer.Ordinal).Take(3).ToList();
        var tops = string.Join("; ", top.Select(t => $"{t.Project} {money(t.Net)}" + (t.Missing is { } m ? $" (missing {m})" : "")));
        yield return new Alert
        {
            Key = $"unallocated-share:{MoneyText.Month(asOf)}",
            Kind = AlertKind.UnallocatedShare,
            Severity = share > 2m * thresholdPercent ? AlertSeverity.Warning : AlertSeverity.Info,
            Title = $"Unallocated spend is {MoneyText.Percent(share)} of {MoneyText.Month(asOf)}",
            What = $"{MoneyText.Percent(share)} of spend in {MoneyText.Month(asOf)} (through {MoneyText.Day(asOf)}) could not be attributed to a service.",
            HowMuch = $"{money(amount)} unallocated of {money(total)}",
            ComparedWith = $"threshold {MoneyText.Percent(thresholdPercent)}",
            Action = $"Label the resources of the largest unallocated projects: {tops}. See the workbook's Unallocated sheet.",
            Currency = currency,
        };
    }

    /// <summary>
    /// A project (or, within a project already seen, a SKU) whose unallocated spend first appears in the
    /// <paramref name="days"/> days ending at <c>asOf</c>, when the data goes back further than that (so
    /// that "absent before" means something) and it spent at least <paramref name="minimum"/> since.
    /// The key names the first day, so each appearance alerts once.
    /// </summary>
    public static IEnumerable<Alert> NewUnlabelled(IReadOnlyList<AllocationRow> rows, DateOnly asOf, Currency currency, int days, decimal minimum)
    {
        if (rows.Count == 0) yield break;
        var windowStart = asOf.AddDays(-(days - 1));
        if (rows.Min(r => r.Day) >= windowStart) yield break;
        var unallocated = rows.Where(r => r.Kind == CostKind.Unallocated && r.Day <= asOf).ToList();
        var newProjects = new HashSet<string>(StringComparer.Ordinal);

        foreach (var g in unallocated.GroupBy(r => r.Dimensions.Project ?? "(no project)", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = g.Min(r => r.Day);
            if (first < windowStart) continue;
            newProjects.Add(g.Key);
            var net = g.Sum(r => r.Net);
            if (net < minimum || net <= 0m) continue;
            var missing = g.Select(r => r.Missing).FirstOrDefault(m => m.Length > 0);
            var skus = string.Join(", ", g.GroupBy(r => r.Dimensions.Sku).OrderByDescending(s => s.Sum(r => r.Net)).Take(3).Select(s => s.Key));
            yield return Build($"project={g.Key}", $"project {g.Key}", first, asOf, net, currency, missing,
                $"Label the resources in project {g.Key} (top SKUs: {skus}) with service, team and environment, or map the project to an environment in the allocation rules.");
        }
        foreach (var g in unallocated.Where(r => !newProjects.Contains(r.Dimensions.Project ?? "(no project)"))
                     .GroupBy(r => r.Dimensions.Sku, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = g.Min(r => r.Day);
            if (first < windowStart || g.Key.Length == 0) continue;
            var net = g.Sum(r => r.Net);
            if (net < minimum || net <= 0m) continue;
            var missing = g.Select(r => r.Missing).FirstOrDefault(m => m.Length > 0);
            var projects = string.Join(", ", g.Select(r => r.Dimensions.Project ?? "(no project)").Distinct().Order(StringComparer.Ordinal).Take(3));
            yield return Build($"sku={g.Key}", $"SKU {g.Key}", first, asOf, net, currency, missing,
                $"Find who started using {g.Key} in {projects} and label those resources.");
        }
    }

    private static Alert Build(string scope, string what, DateOnly first, DateOnly asOf, decimal net, Currency currency, string? missing, string action) => new()
    {
        Key = $"new-unlabelled:{scope}:{MoneyText.Day(first)}",
        Kind = AlertKind.NewUnlabelled,
        Severity = AlertSeverity.Warning,
        Title = $"New unlabelled spend: {what}",
        What = $"Unallocated spend for {what} appeared on {MoneyText.Day(first)} and was absent before" + (missing is null ? "." : $" (missing labels: {missing})."),
        HowMuch = $"{MoneyText.Format(net, currency)} from {MoneyText.Day(first)} to {MoneyText.Day(asOf)}",
        ComparedWith = "no unallocated spend for it earlier in the data",
        Action = action,
        Currency = currency,
    };
}
