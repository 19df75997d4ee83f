using Costs.CostModel.Allocation;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Alerts;

/// <summary>
/// Commitment utilisation, estimated from allocation rows over month to date (first of <c>asOf</c>'s
/// month through <c>asOf</c>), per cloud service and region.
/// <list type="bullet">
/// <item>Fees: the cost of rows whose SKU contains "Commitment" (the commitment's own charge).</item>
/// <item>Used: the credits on the other rows of the same cloud service and region. Allocation rows
/// carry credits as one sum, not by type, so this stands in for the COMMITTED_USAGE_DISCOUNT credits;
/// it also counts sustained-use, promotion and free-tier credits there, so it can only over-state use.</item>
/// <item>A CUD credit is worth on-demand value while the fee is at the commitment price: a fully used
/// commitment gives credits of fee / (1 − discount rate). Utilisation = |used| × (1 − rate) / fee,
/// capped at 100%.</item>
/// </list>
/// No fees, no alert: without commitments there is nothing to judge. Below the break-even utilisation
/// (1 − discount rate: the share of hours a commitment must be used to cost less than on demand) the
/// commitment costs more than it saves, and the alert is a warning; between break-even and the
/// threshold it is information.
/// </summary>
public static class CommitmentAlerts
{
    public static IEnumerable<Alert> Detect(IReadOnlyList<AllocationRow> rows, DateOnly asOf, Currency currency,
        decimal thresholdPercent, decimal discountRate)
    {
        var monthStart = new DateOnly(asOf.Year, asOf.Month, 1);
        var month = rows.Where(r => r.Day >= monthStart && r.Day <= asOf).ToList();
        var money = (decimal d) => MoneyText.Format(d, currency);
        foreach (var g in month.GroupBy(r => (r.Dimensions.CloudService, Region: r.Dimensions.Region ?? "")).OrderBy(g => g.Key.CloudService, StringComparer.Ordinal).ThenBy(g => g.Key.Region, StringComparer.Ordinal))
        {
            var fees = g.Where(IsFee).Sum(r => r.Cost);
            if (fees <= 0m) continue;
            var used = -g.Where(r => !IsFee(r)).Sum(r => r.Credits);
            if (used < 0m) used = 0m;
            var utilisation = Math.Min(100m, used * (1m - discountRate) / fees * 100m);
            if (utilisation >= thresholdPercent) continue;
            var region = g.Key.Region.Length == 0 ? "(no region)" : g.Key.Region;
            var unused = fees * (100m - utilisation) / 100m;
            var breakEven = (1m - discountRate) * 100m;
            var losing = utilisation < breakEven;
            yield return new Alert
            {
                Key = $"commitment-utilisation:service={g.Key.CloudService},region={region}:{MoneyText.Month(asOf)}",
                Kind = AlertKind.CommitmentUtilisation,
                Severity = losing ? AlertSeverity.Warning : AlertSeverity.Info,
                Title = losing
                    ? $"Commitments below break-even ({MoneyText.Percent(utilisation)} used): {g.Key.CloudService} in {region}"
                    : $"Commitments {MoneyText.Percent(utilisation)} used: {g.Key.CloudService} in {region}",
                What = $"Commitments for {g.Key.CloudService} in {region} were about {MoneyText.Percent(utilisation)} used in {MoneyText.Month(asOf)} (through {MoneyText.Day(asOf)}).",
                HowMuch = $"{money(fees)} of commitment fees, about {money(unused)} of it unused",
                ComparedWith = $"break-even {MoneyText.Percent(breakEven)}, threshold {MoneyText.Percent(thresholdPercent)} (estimate: credits × (1 − {AlertOptions.Num(discountRate)}) ÷ fees)",
                Action = (losing ? "Below break-even the commitment costs more than on-demand would. " : "") +
                         "Move steady workloads onto the committed machine family and region, or do not renew the commitment at its end; see `costs recommend` and the workbook's Commitments sheet.",
                Currency = currency,
            };
        }
    }

    internal static bool IsFee(AllocationRow r) => r.Dimensions.Sku.Contains("Commitment", StringComparison.OrdinalIgnoreCase);
}
