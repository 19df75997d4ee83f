using System.Globalization;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostAnalyzer.Allocation;

/// <summary>
/// Spreads the fixed monthly amounts of <c>Allocation:Shared</c> (a support contract, a licence: cost that is not on
/// the bill) over days and receivers. Pure.
/// <para>
/// Day rule: a month's amount is split evenly over all its calendar days, to the currency's minor unit, and the
/// units left over go one each to the first days of the month (1000.00 over 30 days: days 1 to 10 get 33.34,
/// days 11 to 30 get 33.33). A day's share so never depends on which other days are analyzed, and the days of a
/// month add up to the amount exactly.
/// </para>
/// <para>
/// Within a day the share goes to the receivers <see cref="SharedCosts"/> would use: services with allocated cost
/// in the amount's currency that day (in the named cluster for <see cref="SharedScope.Cluster"/>), that are not
/// themselves shared; by their gross cost that day (weighted) or evenly, again to the minor unit with the largest
/// remainder, so a day's rows add up to the day's share exactly. With no receiver that day the share is one row
/// without a service, never dropped. The rows are <see cref="CostKind.Fixed"/>: they are an addition to the bill,
/// never part of it.
/// </para>
/// </summary>
public static class FixedAmounts
{
    /// <summary>The cloud-service dimension of every fixed amount's row (its SKU is the amount's name).</summary>
    public const string CloudService = "(fixed amounts)";

    /// <summary>The part of <paramref name="policy"/>'s monthly amount that falls on <paramref name="day"/>.</summary>
    public static decimal DayAmount(SharedCostOptions policy, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var days = DateTime.DaysInMonth(day.Year, day.Month);
        return Split.ByWeight(policy.MonthlyAmount ?? 0m, Enumerable.Repeat(1m, days).ToArray(), policy.FixedCurrency.MinorDigits)[day.Day - 1];
    }

    /// <summary>
    /// The fixed amounts' rows for <paramref name="days"/>, weighted by <paramref name="rows"/>: the day's allocation
    /// before shared costs are applied (the same receivers and weights as <see cref="SharedCosts.Apply"/>).
    /// </summary>
    public static IReadOnlyList<AllocationRow> Spread(IReadOnlyList<AllocationRow> rows, IEnumerable<DateOnly> days, AllocationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policies = options.Shared.Where(p => p.Source == SharedSource.Fixed).ToList();
        if (policies.Count == 0) return [];
        var byDay = rows.ToLookup(r => r.Day);
        var output = new List<AllocationRow>();
        foreach (var day in days.Distinct().Order())
        {
            var receivers = byDay[day].Where(r => SharedCosts.IsReceiver(r, options)).ToList();
            foreach (var policy in policies)
                output.AddRange(Share(policy, day, receivers.Where(r => r.Currency == policy.FixedCurrency
                    && (policy.Scope == SharedScope.Organisation || r.Dimensions.Cluster == policy.Cluster))));
        }
        return output;
    }

    private static IEnumerable<AllocationRow> Share(SharedCostOptions policy, DateOnly day, IEnumerable<AllocationRow> receivers)
    {
        var amount = DayAmount(policy, day);
        var weights = SharedCosts.Weights(receivers, policy.By);
        var currency = policy.FixedCurrency;
        var by = policy.By == SharedSplit.Even ? "even" : "weighted";
        var rule = $"{AllocationRow.FixedRulePrefix}{policy.DisplayName}: {policy.MonthlyAmount!.Value.ToString(CultureInfo.InvariantCulture)} " +
            $"{currency} a month by {by}, {SharedCosts.ScopeText(policy, policy.Scope == SharedScope.Cluster ? policy.Cluster : null)}";
        var row = new AllocationRow
        {
            Day = day, Currency = currency, InvoiceMonth = InvoiceMonth.Of(day), Kind = CostKind.Fixed,
            Dimensions = new Dimensions
            {
                CloudService = CloudService, Sku = policy.DisplayName,
                Cluster = policy.Scope == SharedScope.Cluster ? policy.Cluster : null,
            },
            Rule = rule, Cost = amount, Credits = 0m,
        };
        if (weights.Count == 0)
        {
            yield return row with { Rule = rule + ": no receiver that day" };
            yield break;
        }
        var parts = Split.ByWeight(amount, weights.Select(w => w.Weight).ToArray(), currency.MinorDigits);
        for (var i = 0; i < weights.Count; i++)
        {
            if (parts[i] == 0m) continue;
            var r = weights[i].Receiver;
            yield return row with
            {
                Dimensions = row.Dimensions with { Service = r.Service, Team = r.Team, Environment = r.Environment },
                Cost = parts[i],
            };
        }
    }
}
