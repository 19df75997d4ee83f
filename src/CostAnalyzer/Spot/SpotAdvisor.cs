using Costs.CostAnalyzer.Clusters;
using Costs.CostAnalyzer.Recommendations;
using Costs.CostModel.Money;
using Costs.CostModel.Prices;

namespace Costs.CostAnalyzer.Spot;

/// <summary>
/// Spot VMs for node pools outside production. A pool qualifies when its environment is known and is
/// not a production one, and it runs on on-demand VMs. Its vCPU-hours and GiB-hours are priced at
/// on-demand rates (net of sustained use, as the bill charges them) and at spot rates from the
/// catalogue; the difference, over 730 hours, is the monthly saving. Pure.
/// </summary>
public static class SpotAdvisor
{
    private const decimal BytesPerGib = 1_073_741_824m;

    public static SpotResult Recommend(IEnumerable<NodePoolUsage> pools, IReadOnlyList<MachinePrice> prices, Currency currency, SpotOptions options)
    {
        OptionsCheck.ThrowIfInvalid(options.Validate, "Spot");
        var production = new HashSet<string>(options.ProductionEnvironments, StringComparer.OrdinalIgnoreCase);
        var found = new List<SpotRecommendation>();
        var skipped = new List<SpotSkip>();
        foreach (var pool in pools.Where(p => !p.Spot))
        {
            if (pool.Environment is not { } environment)
            {
                skipped.Add(new SpotSkip(pool.Cluster, pool.NodePool, "its environment is unknown, so it may be production"));
                continue;
            }
            if (production.Contains(environment)) continue;
            if (Price(pool, prices, currency, out var missing) is not { } rates)
            {
                skipped.Add(new SpotSkip(pool.Cluster, pool.NodePool, $"no {missing} price in the catalogue"));
                continue;
            }
            var onDemandCost = pool.VcpuHours * rates.Vcpu.OnDemand + pool.MemoryGibHours * rates.Ram.OnDemand;
            var spotCost = pool.VcpuHours * rates.Vcpu.Spot + pool.MemoryGibHours * rates.Ram.Spot;
            var (onDemand, spot) = (Monthly.FromWindow(onDemandCost, pool.WindowHours), Monthly.FromWindow(spotCost, pool.WindowHours));
            var savings = Monthly.FromWindow(onDemandCost - spotCost, pool.WindowHours);
            if (savings < options.MinimumMonthlySavings || savings <= 0m) continue;
            found.Add(new SpotRecommendation
            {
                Cluster = pool.Cluster, NodePool = pool.NodePool, Environment = environment, Region = pool.Region,
                MachineFamily = pool.MachineFamily, Currency = currency, VcpuHours = pool.VcpuHours, MemoryGibHours = pool.MemoryGibHours,
                MonthlyOnDemand = onDemand, MonthlySpot = spot, MonthlySavings = savings,
                Reason = $"Node pool {pool.NodePool} of cluster {pool.Cluster} ({environment}) runs on on-demand {pool.MachineFamily} VMs: "
                         + $"on spot VMs it would cost about {MoneyText.Format(spot, currency)} instead of {MoneyText.Format(onDemand, currency)} a month, "
                         + $"saving {MoneyText.Format(savings, currency)} ({MoneyText.Percent(savings / onDemand * 100m)}). "
                         + "Spot VMs can be stopped at any time: fine for workloads that tolerate restarts.",
            });
        }
        return new SpotResult(
            found.OrderByDescending(r => r.MonthlySavings).ThenBy(r => r.Cluster, StringComparer.Ordinal).ThenBy(r => r.NodePool, StringComparer.Ordinal).ToList(),
            skipped);
    }

    /// <summary>
    /// Node pools from node-hours (<see cref="PodHours.Integrate"/>): capacity summed per cluster, node
    /// pool, region, family and spot. Nodes whose machine type or zone is unknown are skipped, by name.
    /// </summary>
    public static (IReadOnlyList<NodePoolUsage> Pools, IReadOnlyList<SpotSkip> Skipped) NodePools(IEnumerable<NodeHour> hours, int windowHours)
    {
        var skipped = new Dictionary<(string, string), SpotSkip>();
        var pools = new Dictionary<(string Cluster, string Pool, string Region, string Family, bool Spot), (string? Env, decimal Cpu, decimal Gib)>();
        foreach (var h in hours)
        {
            var pool = h.NodePool ?? h.Node;
            if (MachineNames.Family(h.MachineType) is not { } family || MachineNames.Region(h.Zone) is not { } region)
            {
                skipped.TryAdd((h.Cluster, h.Node), new SpotSkip(h.Cluster, pool, $"node {h.Node} has no machine type or zone"));
                continue;
            }
            var key = (h.Cluster, pool, region, family, h.Spot);
            var acc = pools.GetValueOrDefault(key);
            pools[key] = (acc.Env ?? h.Environment, acc.Cpu + h.CpuCapacity, acc.Gib + h.MemoryCapacity / BytesPerGib);
        }
        var list = pools.Select(kv => new NodePoolUsage
        {
            Cluster = kv.Key.Cluster, NodePool = kv.Key.Pool, Region = kv.Key.Region, MachineFamily = kv.Key.Family, Spot = kv.Key.Spot,
            Environment = kv.Value.Env, VcpuHours = kv.Value.Cpu, MemoryGibHours = kv.Value.Gib, WindowHours = windowHours,
        }).OrderBy(p => p.Cluster, StringComparer.Ordinal).ThenBy(p => p.NodePool, StringComparer.Ordinal).ToList();
        return (list, skipped.Values.ToList());
    }

    private sealed record Rates((decimal OnDemand, decimal Spot) Vcpu, (decimal OnDemand, decimal Spot) Ram);

    /// <summary>On-demand (net of sustained use) and spot rates of vCPU and RAM, or null naming what is missing.</summary>
    private static Rates? Price(NodePoolUsage pool, IReadOnlyList<MachinePrice> prices, Currency currency, out string? missing)
    {
        var r = CatalogRates.Rates(prices, pool.Region, pool.MachineFamily, currency,
        [
            (MachineResource.Vcpu, PriceUsageType.OnDemand), (MachineResource.Vcpu, PriceUsageType.Preemptible),
            (MachineResource.RamGib, PriceUsageType.OnDemand), (MachineResource.RamGib, PriceUsageType.Preemptible),
        ], out missing);
        if (r is null) return null;
        var net = (decimal rate) => SustainedUse.Net(rate, pool.MachineFamily);
        return new Rates((net(r[0]), r[1]), (net(r[2]), r[3]));
    }
}
