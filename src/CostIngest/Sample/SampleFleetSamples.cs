using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;

namespace Costs.CostIngest.Sample;

/// <summary>What fleet samples to generate: the fleet, how many pods, which days (half-open) and how often.</summary>
public sealed record FleetSampleOptions(SampleFleet Fleet, int Pods, DateOnly Start, DateOnly EndExclusive, TimeSpan Interval, int ServiceCount = 1600)
{
    /// <summary>How many samples of one cluster a day holds.</summary>
    public int SamplesPerDay => (int)(TimeSpan.FromDays(1) / Interval);
}

/// <summary>
/// Samples of a <see cref="SampleFleet"/>, as `costs collect` would store them, at the scale of a big
/// organisation: <c>Pods</c> pods of <c>ServiceCount</c> services (named as the billing generator names
/// them, labelled app and team) dealt over the fleet's nodes, one sample of every cluster every
/// <c>Interval</c>. Pods change as they do in a real fleet: every third service deploys once a day (at an
/// hour of its own), which replaces its pods with new UIDs, on another node of the cluster; one service in
/// five has its pods' CPU requests resized in place every third day (a new version of the same pod); one
/// in eleven is a job whose pods run two hours a day and are gone the rest of it; the rest stay. Usage
/// follows the daily traffic with ±8% noise, every sample. Deterministic for the same options. Samples are
/// yielded in time order, one cluster after another.
/// </summary>
public static class SampleFleetSamples
{
    private sealed record PodPlan(int Index, int Service, FleetNode Node, decimal Cpu, decimal MemoryGiB, decimal CpuUse, decimal MemoryUse);

    public static IEnumerable<ClusterSample> Samples(FleetSampleOptions options, int seed = 11)
    {
        if (options.Fleet.Clusters.Count == 0) throw new ArgumentException("The fleet has no cluster.");
        if (options.Pods < 1) throw new ArgumentException("At least one pod is needed.");
        if (options.Interval <= TimeSpan.Zero || TimeSpan.FromDays(1).Ticks % options.Interval.Ticks != 0)
            throw new ArgumentException($"The sample interval {options.Interval} does not divide a day.");
        var random = new Random(seed);
        var nodes = options.Fleet.Nodes.ToList();
        var plans = Enumerable.Range(0, options.Pods).Select(i => Plan(i, options.ServiceCount, nodes)).ToList();
        var observations = options.Fleet.Clusters.ToDictionary(c => c.Name, c => c.Nodes.Select(Node).ToList(), StringComparer.Ordinal);
        var byCluster = plans.GroupBy(p => p.Node.Cluster).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var pods = new Dictionary<(int Pod, DateOnly Generation, int Size), PodObservation>();
        var clusterNodes = options.Fleet.Clusters.ToDictionary(c => c.Name, c => c.Nodes, StringComparer.Ordinal);
        for (var day = options.Start; day < options.EndExclusive; day = day.AddDays(1))
        {
            pods.Clear();
            for (var i = 0; i < options.SamplesPerDay; i++)
            {
                var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + options.Interval * i;
                var traffic = SampleClusterGenerator.Traffic(at);
                foreach (var cluster in options.Fleet.Clusters)
                {
                    var plansHere = byCluster.GetValueOrDefault(cluster.Name) ?? [];
                    var podsHere = new List<PodObservation>(plansHere.Count);
                    var usage = new List<ResourceUsage>(plansHere.Count);
                    foreach (var p in plansHere)
                    {
                        // A job's pods run two hours a day, from the service's hour.
                        if (p.Service % 11 == 7 && (at.Hour - p.Service % 24 + 24) % 24 >= 2) continue;
                        // Every third service rolls out once a day, and jobs start anew; the others keep the pods they started with.
                        var generation = p.Service % 3 != 0 && p.Service % 11 != 7 ? options.Start
                            : at.Hour >= p.Service % 24 ? day : day.AddDays(-1);
                        // One service in five is resized in place every third day, at its hour.
                        var size = p.Service % 5 == 2 ? (DateOnly.FromDateTime(at.AddHours(-(p.Service % 24)).UtcDateTime).DayNumber / 3) % 3 : 0;
                        if (!pods.TryGetValue((p.Index, generation, size), out var pod))
                            pods[(p.Index, generation, size)] = pod = Pod(p, generation, size, clusterNodes[p.Node.Cluster]);
                        podsHere.Add(pod);
                        var noise = 1m + random.Next(-80, 81) / 1000m;
                        usage.Add(new ResourceUsage(pod.Uid, Math.Round(pod.CpuRequest * p.CpuUse * traffic * noise, 3),
                            Math.Round(p.MemoryGiB * p.MemoryUse * noise * 1024m, 0) * 1048576m));
                    }
                    yield return new ClusterSample
                    {
                        Cluster = cluster.Name,
                        Environment = cluster.Environment,
                        TakenAt = at,
                        MetricsAvailable = true,
                        Nodes = observations[cluster.Name],
                        Pods = podsHere,
                        PodUsage = usage,
                        NodeUsage = NodeUsage(cluster, podsHere, usage),
                    };
                }
            }
        }
    }

    private static PodPlan Plan(int i, int services, List<FleetNode> nodes)
    {
        var h = SampleFleet.Hex("pod:" + i);
        var cpu = (10 + Convert.ToInt32(h[..2], 16) % 41) / 100m;          // 0.10 .. 0.50 cores
        var memory = (2 + Convert.ToInt32(h[2..4], 16) % 7) / 4m;           // 0.5 .. 2 GiB
        var cpuUse = (20 + Convert.ToInt32(h[4..6], 16) % 71) / 100m;       // uses 20% .. 90% of its request
        var memoryUse = (40 + Convert.ToInt32(h[6..8], 16) % 51) / 100m;
        return new PodPlan(i, i % services, nodes[i % nodes.Count], cpu, memory, cpuUse, memoryUse);
    }

    /// <summary>
    /// The pod of a plan in the ReplicaSet of a deploy generation (the day it was rolled out), on a node of its
    /// cluster that moves with the generation, with its CPU request grown by a quarter per <paramref name="size"/> step.
    /// </summary>
    private static PodObservation Pod(PodPlan p, DateOnly generation, int size, IReadOnlyList<FleetNode> nodes)
    {
        var node = nodes[(p.Index + (generation.DayNumber - 1) * 7) % nodes.Count];
        var service = SampleBillingGenerator.Service(p.Service).Name;
        var replicaSet = SampleFleet.Hex($"{service}:{generation:yyyyMMdd}")[..10];
        var name = $"{service}-{replicaSet}-{SampleFleet.Hex($"{p.Index}:{generation:yyyyMMdd}")[..5]}";
        var uid = SampleFleet.Hex("uid:" + name);
        return new PodObservation
        {
            Uid = $"{uid[..8]}-{uid[8..12]}-{uid[12..16]}-{uid[16..20]}-{uid[20..32]}",
            Namespace = SampleBillingGenerator.Service(p.Service).Namespace,
            Name = name,
            NodeName = node.Name,
            Phase = "Running",
            Workload = $"Deployment/{service}",
            Labels = Labels.Of(("app", service), ("team", SampleBillingGenerator.Service(p.Service).Team)),
            CpuRequest = p.Cpu * (1m + size * 0.25m),
            MemoryRequest = p.MemoryGiB * 1073741824m,
        };
    }

    private static NodeObservation Node(FleetNode n) =>
        SampleClusterGenerator.Node(n.Name, n.Project, n.MachineType, n.Pool, n.Zone, n.Vcpus, n.MemoryGiB);

    private static List<ResourceUsage> NodeUsage(FleetCluster cluster, List<PodObservation> pods, List<ResourceUsage> usage)
    {
        var sums = cluster.Nodes.ToDictionary(n => n.Name, _ => (Cpu: 0m, Memory: 0m), StringComparer.Ordinal);
        for (var i = 0; i < pods.Count; i++)
        {
            var s = sums[pods[i].NodeName!];
            sums[pods[i].NodeName!] = (s.Cpu + usage[i].Cpu, s.Memory + usage[i].Memory);
        }
        return cluster.Nodes.Select(n => new ResourceUsage(n.Name, sums[n.Name].Cpu, sums[n.Name].Memory)).ToList();
    }
}
