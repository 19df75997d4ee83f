using System.Text.RegularExpressions;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Commitments;

/// <summary>
/// The hourly usage of each commitment pool, read from billing lines (pure). Feed it every line of the
/// window with <see cref="Add(BillingLine)"/>, then take the pools with <see cref="Pools"/>.
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
/// A line that spans several hours is spread evenly over them. The store's sums of lines by SKU, region
/// and usage hours (<see cref="SkuHour"/>) give the same pools as their lines: feed either to
/// <see cref="Add(SkuHour)"/>. Usage is added up exactly per (pool, first hour, hours spanned) and spread
/// over the hours only in <see cref="Pools"/>, in one order, so the pools do not depend on the order or
/// the grouping of what was added.
/// </summary>
public sealed partial class CommitmentUsage(DateTimeOffset start, int hours, Currency currency)
{
    private readonly Dictionary<PoolKey, Dictionary<(int First, int Count), decimal>> _usage = [];
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
    /// Whether <see cref="Add(SkuHour)"/> would use lines of this SKU and region (whatever their amounts):
    /// the store skips the others unread.
    /// </summary>
    public static bool Uses(SkuHour group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Region is { Length: > 0 } && (OnDemandSku().IsMatch(group.SkuDescription)
            || ResourceCommitmentSku().IsMatch(group.SkuDescription) || FlexibleCommitmentSku().IsMatch(group.SkuDescription));
    }

    /// <summary>One billing line: the same as its group of one.</summary>
    public void Add(BillingLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (SkuHour.Of(line) is { } group) Add(group);
    }

    /// <summary>Lines of one SKU and region with the same usage hours, added up.</summary>
    public void Add(SkuHour group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.Currency != currency || group.Region is not { Length: > 0 } region) return;
        var description = group.SkuDescription;
        if (OnDemandSku().Match(description) is { Success: true } onDemand && group.Usage is { } amount)
        {
            var key = PoolKey.ForResource(region, onDemand.Groups["family"].Value,
                onDemand.Groups["res"].Value == "Core" ? CommitmentResource.Vcpu : CommitmentResource.Memory);
            Spread(key, group, amount, group.UsageMax > 0m);
            Spread(PoolKey.ForFlexible(region), group, group.Net!.Value, group.NetMax > 0m);
        }
        else if (ResourceCommitmentSku().Match(description) is { Success: true } fee && group.UsageMax is { } level)
        {
            var key = PoolKey.ForResource(region, fee.Groups["family"].Value,
                fee.Groups["res"].Value == "Cpu" ? CommitmentResource.Vcpu : CommitmentResource.Memory);
            Held(fee.Groups["years"].Value == "1" ? _existing1 : _existing3, key, group, level);
        }
        else if (FlexibleCommitmentSku().Match(description) is { Success: true } flexible)
        {
            Held(flexible.Groups["years"].Value == "1" ? _existing1 : _existing3, PoolKey.ForFlexible(region), group, group.CostMax);
        }
    }

    /// <summary>Every pool with usage in the window, its prices left for the caller to set.</summary>
    public IReadOnlyList<CommitmentPool> Pools() =>
        _usage.Select(u => (u.Key, Hours: Series(u.Value))).Where(u => u.Hours.Any(h => h > 0m))
            .Select(u => new CommitmentPool
            {
                Key = u.Key, Currency = currency, Start = start, Hours = u.Hours,
                FirstUsage = _first.TryGetValue(u.Key, out var first) ? first : null,
                ExistingOneYear = OnGrid(u.Key, _existing1.GetValueOrDefault(u.Key)), ExistingThreeYear = OnGrid(u.Key, _existing3.GetValueOrDefault(u.Key)),
            })
            .OrderBy(p => p.Key.Region, StringComparer.Ordinal).ThenBy(p => p.Key.Type).ThenBy(p => p.Key.Family, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Resource).ToList();

    /// <summary>A held level as commitments are sold: whole vCPU or GiB, or whole cents of hourly spend (a fee spread over an hour's rows has more digits).</summary>
    private static decimal OnGrid(PoolKey key, decimal level) =>
        Math.Round(level, key.Type == CommitmentType.Resource ? 0 : 2, MidpointRounding.AwayFromZero);

    /// <summary>The hourly series of a pool: each span's sum spread evenly over its hours, spans in order.</summary>
    private decimal[] Series(Dictionary<(int First, int Count), decimal> spans)
    {
        var series = new decimal[hours];
        foreach (var ((first, count), amount) in spans.OrderBy(s => s.Key))
        {
            var each = amount / count;
            for (var h = Math.Max(first, 0); h < Math.Min(first + count, hours); h++) series[h] += each;
        }
        return series;
    }

    /// <param name="anyPositive">Whether one of the lines added up in <paramref name="amount"/> was above zero: the pool was used.</param>
    private void Spread(PoolKey key, SkuHour group, decimal amount, bool anyPositive)
    {
        if (!_usage.TryGetValue(key, out var spans)) _usage[key] = spans = [];
        var span = HourSpan(group);
        if (span.Count == 0) return;
        if (anyPositive && (!_first.TryGetValue(key, out var seen) || group.UsageStart < seen)) _first[key] = group.UsageStart;
        spans[span] = spans.TryGetValue(span, out var sum) ? sum + amount : amount;
    }

    private void Held(Dictionary<PoolKey, decimal> held, PoolKey key, SkuHour group, decimal perHour)
    {
        if (group.UsageStart < _lastWeek) return;
        var (_, count) = HourSpan(group);
        var level = count == 0 ? perHour : perHour / count;
        if (level > held.GetValueOrDefault(key)) held[key] = level;
    }

    private (int First, int Count) HourSpan(SkuHour group)
    {
        var first = (int)Math.Floor((group.UsageStart - start).TotalHours);
        var count = Math.Max(1, (int)Math.Ceiling((group.UsageEnd - group.UsageStart).TotalHours));
        return first + count <= 0 || first >= hours ? (first, 0) : (first, count);
    }
}
