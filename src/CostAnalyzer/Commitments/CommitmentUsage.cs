using System.Text.RegularExpressions;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Commitments;

/// <summary>
/// The hourly usage of each commitment pool, read from billing lines (pure). Feed it every line of the
/// window with <see cref="Add"/>, then take the pools with <see cref="Pools"/>.
/// <list type="bullet">
/// <item>Resource pools (region × family × vCPU or GiB): the on-demand instance SKUs
/// (<c>N2 Instance Core running in Belgium</c>, <c>E2 Instance Ram running in …</c>, <c>N1 Predefined
/// Instance Core …</c>); an hour's usage is the line's amount in pricing units (vCPU-hours, GiB-hours).
/// Spot, preemptible, custom, sole-tenant and commitment SKUs are not on-demand usage.</item>
/// <item>Existing resource commitments: the fee rows <c>Commitment v1: N2 Cpu in Europe for 1 Year</c>;
/// the level held is the largest hourly amount in the window's last week.</item>
/// <item>Flexible pools (a region's eligible on-demand spend per hour): the same on-demand SKUs' cost
/// plus their committed-use credits, that is the spend resource-based commitments left uncovered;
/// existing flexible commitments from the fee rows of spend-based commitments.</item>
/// </list>
/// A line that spans several hours is spread evenly over them.
/// </summary>
public sealed partial class CommitmentUsage(DateTimeOffset start, int hours, Currency currency)
{
    private readonly Dictionary<PoolKey, decimal[]> _usage = [];
    private readonly Dictionary<PoolKey, decimal> _existing1 = [];
    private readonly Dictionary<PoolKey, decimal> _existing3 = [];
    private readonly Dictionary<PoolKey, DateTimeOffset> _first = [];
    private readonly DateTimeOffset _lastWeek = start.AddHours(hours - 7 * 24);

    [GeneratedRegex(@"^(?<family>[A-Z][A-Z0-9]*)(?: AMD| Intel| Arm)?(?: Predefined)? Instance (?<res>Core|Ram) running in ", RegexOptions.CultureInvariant)]
    private static partial Regex OnDemandSku();

    [GeneratedRegex(@"^Commitment v1: (?<family>[A-Z][A-Z0-9]*) (?<res>Cpu|Ram) in .+ for (?<years>[13]) Years?$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceCommitmentSku();

    [GeneratedRegex(@"^Commitment - dollar based v1: .* for (?<years>[13]) Years?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FlexibleCommitmentSku();

    /// <summary>
    /// Whether <see cref="Add"/> would use a line of this shape (its SKU and region, whatever its amounts):
    /// the store skips the others unread.
    /// </summary>
    public static bool Uses(BillingLine shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Region is { Length: > 0 } && (OnDemandSku().IsMatch(shape.SkuDescription)
            || ResourceCommitmentSku().IsMatch(shape.SkuDescription) || FlexibleCommitmentSku().IsMatch(shape.SkuDescription));
    }

    public void Add(BillingLine line)
    {
        if (line.Currency != currency || line.Region is not { Length: > 0 } region) return;
        var description = line.SkuDescription;
        if (OnDemandSku().Match(description) is { Success: true } onDemand && line.UsageAmountInPricingUnits is { } amount)
        {
            var key = PoolKey.ForResource(region, onDemand.Groups["family"].Value,
                onDemand.Groups["res"].Value == "Core" ? CommitmentResource.Vcpu : CommitmentResource.Memory);
            Spread(key, line, amount);
            var uncovered = line.Cost + line.Credits.Where(c => c.Type == CreditType.CommittedUsageDiscount).Sum(c => c.Amount);
            Spread(PoolKey.ForFlexible(region), line, uncovered);
        }
        else if (ResourceCommitmentSku().Match(description) is { Success: true } fee && line.UsageAmountInPricingUnits is { } level)
        {
            var key = PoolKey.ForResource(region, fee.Groups["family"].Value,
                fee.Groups["res"].Value == "Cpu" ? CommitmentResource.Vcpu : CommitmentResource.Memory);
            Held(fee.Groups["years"].Value == "1" ? _existing1 : _existing3, key, line, level);
        }
        else if (FlexibleCommitmentSku().Match(description) is { Success: true } flexible)
        {
            Held(flexible.Groups["years"].Value == "1" ? _existing1 : _existing3, PoolKey.ForFlexible(region), line, line.Cost);
        }
    }

    /// <summary>Every pool with usage in the window, its prices left for the caller to set.</summary>
    public IReadOnlyList<CommitmentPool> Pools() =>
        _usage.Where(u => u.Value.Any(h => h > 0m))
            .Select(u => new CommitmentPool
            {
                Key = u.Key, Currency = currency, Start = start, Hours = u.Value,
                FirstUsage = _first.TryGetValue(u.Key, out var first) ? first : null,
                ExistingOneYear = OnGrid(u.Key, _existing1.GetValueOrDefault(u.Key)), ExistingThreeYear = OnGrid(u.Key, _existing3.GetValueOrDefault(u.Key)),
            })
            .OrderBy(p => p.Key.Region, StringComparer.Ordinal).ThenBy(p => p.Key.Type).ThenBy(p => p.Key.Family, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Resource).ToList();

    /// <summary>A held level as commitments are sold: whole vCPU or GiB, or whole cents of hourly spend (a fee spread over an hour's rows has more digits).</summary>
    private static decimal OnGrid(PoolKey key, decimal level) =>
        Math.Round(level, key.Type == CommitmentType.Resource ? 0 : 2, MidpointRounding.AwayFromZero);

    private void Spread(PoolKey key, BillingLine line, decimal amount)
    {
        if (!_usage.TryGetValue(key, out var series)) _usage[key] = series = new decimal[hours];
        var (first, count) = HourSpan(line);
        if (count == 0) return;
        if (amount > 0m && (!_first.TryGetValue(key, out var seen) || line.UsageStart < seen)) _first[key] = line.UsageStart;
        var each = amount / count;
        for (var h = Math.Max(first, 0); h < Math.Min(first + count, hours); h++) series[h] += each;
    }

    private void Held(Dictionary<PoolKey, decimal> held, PoolKey key, BillingLine line, decimal perHour)
    {
        if (line.UsageStart < _lastWeek) return;
        var (_, count) = HourSpan(line);
        var level = count == 0 ? perHour : perHour / count;
        if (level > held.GetValueOrDefault(key)) held[key] = level;
    }

    private (int First, int Count) HourSpan(BillingLine line)
    {
        var first = (int)Math.Floor((line.UsageStart - start).TotalHours);
        var count = Math.Max(1, (int)Math.Ceiling((line.UsageEnd - line.UsageStart).TotalHours));
        return first + count <= 0 || first >= hours ? (first, 0) : (first, count);
    }
}
