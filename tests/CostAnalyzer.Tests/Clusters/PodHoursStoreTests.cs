using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostAnalyzer.Tests.Clusters;

/// <summary>
/// Differential: samples saved through the store (versions extended while unchanged, usage summed per
/// version-hour, saved in batches of any size, the store reopened between them) and integrated give exactly
/// what the integration of before migration 0016 (<see cref="PodHoursReference"/>) gives on the same samples
/// kept raw: every observation its own version, usage per sample.
/// </summary>
public partial class PodHoursTests
{
    [Fact]
    public void Integrate_StoredRandomSamples_SameAsPerSampleReference() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var samples = RandomSamples(new Random(seed));
            var batches = Batches(samples, new Random(seed ^ 0x5eed));
            var stored = Task.Run(() => SaveAndReadAsync(batches)).GetAwaiter().GetResult();

            var (expectedNodes, expectedPods) = PodHoursReference.Integrate(Raw(samples));
            var (nodes, pods) = PodHours.Integrate(stored);

            Assert.Equal(expectedNodes, nodes);
            Assert.Equal(expectedPods, pods);
            return true;
        }).QuickCheckThrowOnFailure();

    private static async Task<StoredClusterSamples> SaveAndReadAsync(List<List<ClusterSample>> batches)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("costs-podhours-").FullName, "s.db");
        try
        {
            // Each batch in a store opened afresh: a save continues from what the store holds, not from memory.
            foreach (var batch in batches)
            {
                await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
                await store.SaveClusterSamplesAsync(batch, CancellationToken.None);
            }
            await using var reader = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
            return await reader.ReadClusterSamplesAsync(DateRange.Everything, CancellationToken.None);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    /// <summary>The samples kept raw: each observation a version of its own sample, usage per sample.</summary>
    private static ReferenceSamples Raw(List<ClusterSample> samples)
    {
        var instants = samples.Select((s, i) => new SampleInstant(i + 1, s.Cluster, s.Environment, s.TakenAt, s.MetricsAvailable)).ToList();
        var indexed = samples.Select((s, i) => (Id: i + 1L, Sample: s)).ToList();
        return new ReferenceSamples(instants,
            indexed.SelectMany(x => x.Sample.Nodes.DistinctBy(n => n.Name).Select(n => new Seen<NodeObservation>(x.Sample.Cluster, n, x.Sample.TakenAt, x.Sample.TakenAt)))
                .OrderBy(v => v.Cluster, StringComparer.Ordinal).ThenBy(v => v.Item.Name, StringComparer.Ordinal).ThenBy(v => v.FirstSeen).ToList(),
            indexed.SelectMany(x => x.Sample.Pods.DistinctBy(p => p.Uid).Select(p => new Seen<PodObservation>(x.Sample.Cluster, p, x.Sample.TakenAt, x.Sample.TakenAt)))
                .OrderBy(v => v.Cluster, StringComparer.Ordinal).ThenBy(v => v.Item.Uid, StringComparer.Ordinal).ThenBy(v => v.FirstSeen).ToList(),
            indexed.SelectMany(x => x.Sample.PodUsage.Select(u => new SampleUsage(x.Id, u.Key, u.Cpu, u.Memory))).ToList(),
            indexed.SelectMany(x => x.Sample.NodeUsage.Select(u => new SampleUsage(x.Id, u.Key, u.Cpu, u.Memory))).ToList(),
            indexed.SelectMany(x => x.Sample.Namespaces.Select(n => new Seen<NamespaceObservation>(x.Sample.Cluster, n, x.Sample.TakenAt, x.Sample.TakenAt)))
                .ToList());
    }

    /// <summary>
    /// Two or three clusters (one renamed part-way: its pods carry on under the new name) sampled at irregular times
    /// over two days, with gaps of hours; pods that come and go, restart under a new UID, move nodes, change requests,
    /// finish, share a name; nodes that come and go; usage missing now and then; metrics off in some samples.
    /// </summary>
    private static List<ClusterSample> RandomSamples(Random r)
    {
        var t0 = new DateTimeOffset(2026, 11, 2, 21, 0, 0, TimeSpan.Zero);
        var clusters = Enumerable.Range(0, r.Next(1, 4)).Select(c => new SimCluster($"c{c}", r)).ToList();
        var samples = new List<ClusterSample>();
        foreach (var cluster in clusters)
        {
            var t = t0.AddMinutes(r.Next(0, 30)).AddSeconds(r.Next(0, 2) * 30);
            var renameAt = r.Next(3) == 0 ? t0.AddHours(r.Next(2, 20)) : DateTimeOffset.MaxValue;
            for (var i = 0; i < r.Next(5, 40); i++)
            {
                samples.Add(cluster.Sample(t >= renameAt ? cluster.Name + "-renamed" : cluster.Name, t, r));
                t = t.AddMinutes(r.Next(4) == 0 ? r.Next(60, 300) : r.Next(1, 40));
            }
        }
        return samples.OrderBy(s => s.TakenAt).ToList();
    }

    /// <summary>The samples cut into batches of random sizes, kept in time order.</summary>
    private static List<List<ClusterSample>> Batches(List<ClusterSample> samples, Random r)
    {
        var batches = new List<List<ClusterSample>>();
        for (var i = 0; i < samples.Count;)
        {
            var n = r.Next(3) == 0 ? 1 : r.Next(1, samples.Count + 1);
            batches.Add(samples.Skip(i).Take(n).ToList());
            i += n;
        }
        return batches;
    }

    private sealed class SimCluster(string name, Random r)
    {
        private readonly string[] _nodes = ["n1", "n2", "n3"];
        private readonly Dictionary<int, PodObservation> _pods = [];
        private readonly Dictionary<string, NodeObservation> _nodeObs = [];
        private string _environment = r.Next(2) == 0 ? "production" : "staging";
        private int _restarts;

        public string Name { get; } = name;

        public ClusterSample Sample(string cluster, DateTimeOffset at, Random r)
        {
            if (r.Next(15) == 0) _environment = _environment == "production" ? "staging" : "production";
            var nodes = _nodes.Where(_ => r.Next(12) != 0).Select(n => Node(n, r)).ToList();
            var pods = Enumerable.Range(0, 6).Where(_ => r.Next(6) != 0).Select(i => Pod(i, r)).ToList();
            var metrics = r.Next(5) != 0;
            return new ClusterSample
            {
                Cluster = cluster, Environment = _environment, TakenAt = at, MetricsAvailable = metrics,
                Nodes = nodes,
                Pods = pods,
                PodUsage = metrics ? pods.Where(_ => r.Next(8) != 0).Select(p => new ResourceUsage(p.Uid, r.Next(0, 700) / 1000m, r.Next(1, 4096) * 1048576m)).ToList() : [],
                NodeUsage = metrics ? nodes.Where(_ => r.Next(8) != 0).Select(n => new ResourceUsage(n.Name, r.Next(0, 4000) / 1000m, r.Next(1, 8192) * 1048576m)).ToList() : [],
                Namespaces = [new NamespaceObservation("shop", Labels.Of(("team", r.Next(10) == 0 ? "pay" : "shop"))), new NamespaceObservation("kube-system", Labels.Empty)],
            };
        }

        private NodeObservation Node(string name, Random r)
        {
            if (!_nodeObs.TryGetValue(name, out var n) || r.Next(20) == 0)
                _nodeObs[name] = n = new NodeObservation
                {
                    Name = name, InstanceName = "gke-" + name, ProviderProject = "acme", MachineType = "e2-standard-4", Zone = "europe-west1-b",
                    CpuCapacity = 4m, CpuAllocatable = 3.92m - r.Next(0, 2) * 0.01m, MemoryCapacity = 16_000_000_000m, MemoryAllocatable = 13_000_000_000m,
                };
            // Half the time an equal copy, not the same object: unchanged means equal, not identical.
            return r.Next(2) == 0 ? n : n with { };
        }

        private PodObservation Pod(int i, Random r)
        {
            if (!_pods.TryGetValue(i, out var p) || r.Next(10) == 0)
            {
                var restart = p is null || r.Next(3) == 0;
                p = new PodObservation
                {
                    Uid = restart ? $"uid-{i}-{_restarts++}" : p!.Uid,
                    Namespace = i == 5 ? "kube-system" : "shop",
                    Name = i < 2 ? "db-0" : $"api-{i}",          // pods 0 and 1 share a name (a StatefulSet pod recreated)
                    NodeName = r.Next(12) == 0 ? null : _nodes[r.Next(_nodes.Length)],
                    Phase = r.Next(10) == 0 ? "Succeeded" : "Running",
                    Workload = "Deployment/api",
                    Labels = Labels.Of(("app", "api")),
                    CpuRequest = new[] { 0.1m, 0.25m, 0.5m }[r.Next(3)],
                    MemoryRequest = r.Next(1, 4) * 536870912m,
                };
                _pods[i] = p;
            }
            return r.Next(2) == 0 ? p : p with { };
        }
    }
}
