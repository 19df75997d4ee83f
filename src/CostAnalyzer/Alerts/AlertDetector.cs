using Costs.CostModel.Money;
using Costs.CostModel.Allocation;
using Costs.CostModel.Store;

namespace Costs.CostAnalyzer.Alerts;

/// <summary>
/// Runs every detector over daily allocation rows, as of a given day (no clock: the caller says which
/// day is "today", normally the last complete billing day). Rows after <c>asOf</c> are ignored. Each
/// currency is judged apart (amounts are never added across currencies); budgets are in the billing
/// currency, so with more than one currency in the data they apply to each, and a warning says so.
/// </summary>
public static class AlertDetector
{
    public static AlertResult Detect(IReadOnlyList<AllocationRow> rows, DateOnly asOf, AlertOptions options) =>
        Detect(rows, [], asOf, options);

    /// <summary>As above, and the rows the store rejected (<see cref="RejectAlerts"/>).</summary>
    public static AlertResult Detect(IReadOnlyList<AllocationRow> rows, IReadOnlyList<Reject> rejects, DateOnly asOf, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("Alert options are invalid: " + string.Join(" ", errors), nameof(options));

        var alerts = new List<Alert>();
        var warnings = new List<string>();
        var upTo = rows.Where(r => r.Day <= asOf).ToList();
        var currencies = upTo.Select(r => r.Currency).Distinct().OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        if (currencies.Count > 1)
            warnings.Add($"The data holds {currencies.Count} currencies ({string.Join(", ", currencies)}); each is judged apart and budgets apply to each.");
        if (upTo.Count > 0 && !upTo.Any(r => r.Day == asOf))
            warnings.Add($"No allocation rows on {MoneyText.Day(asOf)}: the day may not be analyzed yet.");

        foreach (var currency in currencies)
        {
            var mine = upTo.Where(r => r.Currency == currency).ToList();
            alerts.AddRange(BudgetAlerts.Detect(mine, asOf, currency, options.Budgets));
            alerts.AddRange(AnomalyAlerts.Detect(mine, asOf, currency, options.Anomaly));
            alerts.AddRange(UnallocatedAlerts.Share(mine, asOf, currency, options.UnallocatedShareThreshold));
            alerts.AddRange(UnallocatedAlerts.NewUnlabelled(mine, asOf, currency, options.NewUnlabelledDays, options.NewUnlabelledMinimum));
            alerts.AddRange(CommitmentAlerts.Detect(mine, asOf, currency, options.CommitmentUtilisationThreshold, options.CommitmentDiscountRate));
        }
        alerts.AddRange(RejectAlerts.Detect(rejects, asOf, currencies.Count > 0 ? currencies[0] : Currency.Usd));
        if (currencies.Count > 1)
            alerts = alerts.Select(a => a with { Key = a.Key + ":" + a.Currency.Code }).ToList();
        return new AlertResult(alerts, warnings);
    }
}
