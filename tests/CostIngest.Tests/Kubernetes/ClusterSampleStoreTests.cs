using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostIngest.Tests.Kubernetes;

public sealed class ClusterSampleStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("costs-samples-").FullName;
    private string DbPath => Path.Combine(_dir, "costs.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static NodeObservation Node(string name) => new()
    {
        Name = name, InstanceName = name, ProviderProject = "acme-prod", MachineType = "e2-standard-2", NodePool = "default-pool",
        Zone = "europe-west1-b", CpuCapacity = 2m, MemoryCapacity = 8340897792m, CpuAllocatable = 1.93m, MemoryAllocatable = 6329204736m,
        Labels = Labels.Of(("cloud.google.com/gke-nodepool", "default-pool")),
    };

    private static PodObservation Pod(string uid, string app = "checkout") => new()
    {
        Uid = uid, Namespace = "shop", Name = $"{app}-{uid}", NodeName = "n1", Phase = "Running", Workload = $"Deployment/{app}",
        Labels = Labels.Of(("app", app)), CpuRequest = 0.25m, MemoryRequest = 536870912m,
    };

    private static ClusterSample Sample(string cluster, DateTimeOffset at, params PodObservation[] pods) => new()
    {
        Cluster = cluster, Environment = "production", TakenAt = at, MetricsAvailable = true,
        Nodes = [Node("n1")], Pods = pods,
        PodUsage = pods.Select(p => new ResourceUsage(p.Uid, 0.123456789m, 314572800m)).ToList(),
        NodeUsage = [new ResourceUsage("n1", 0.733123456m, 3652847616m)],
    };

    [Fact]
    public async Task SaveClusterSampleAsync_UnchangedPods_StoredOnceWithSpan()
    {
        await using (var store = await CostStore.OpenAsync(DbPath, TimeProvider.System, CancellationToken.None))
        {
            Assert.Equal((1, 2), await store.SaveClusterSampleAsync(Sample("prod-eu", T0, Pod("a"), Pod("b")), CancellationToken.None));
            Assert.Equal((0, 0), await store.SaveClusterSampleAsync(Sample("prod-eu", T0.AddMinutes(5), Pod("a"), Pod("b")), CancellationToken.None));
            // b's labels change (a new row); a is gone; c is new.
            Assert.Equal((0, 2), await store.SaveClusterSampleAsync(
                Sample("prod-eu", T0.AddMinutes(10), Pod("b") with { Labels = Labels.Of(("app", "checkout"), ("team", "pay")) }, Pod("c")),
                CancellationToken.None));

            var stored = await store.ReadClusterSamplesAsync(new DateRange(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3)), CancellationToken.None);

            Assert.Equal(3, stored.Samples.Count);
            Assert.Single(stored.Nodes);
            Assert.Equal((T0, T0.AddMinutes(10)), (stored.Nodes[0].FirstSeen, stored.Nodes[0].LastSeen));
            var spans = stored.Pods.Select(p => (p.Item.Uid, p.FirstSeen, p.LastSeen, p.Item.Labels.Count)).ToList();
            Assert.Equal(
            [
                ("a", T0, T0.AddMinutes(5), 1),
                ("b", T0, T0.AddMinutes(5), 1),
                ("b", T0.AddMinutes(10), T0.AddMinutes(10), 2),
                ("c", T0.AddMinutes(10), T0.AddMinutes(10), 1),
            ], spans);
            // Usage is one row per version and hour, whatever the number of samples: a and b twice, b's new version and c once.
            Assert.Equal([2, 2, 1, 1], stored.PodHours.OrderBy(u => u.VersionId).Select(u => u.Samples));
            Assert.All(stored.PodHours, u => Assert.Equal(0.123456789m * u.Samples, u.Cpu));
            Assert.Equal(8340897792m, stored.Nodes[0].Item.MemoryCapacity);
        }
        await using var db = new SqliteConnection($"Data Source={DbPath}");
        Assert.Equal(4L, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM cluster_pod"));
    }

    [Fact]
    public async Task SaveClusterSampleAsync_SameNamespaceTwoClusters_NeverMerged()
    {
        await using var store = await CostStore.OpenAsync(DbPath, TimeProvider.System, CancellationToken.None);
        await store.SaveClusterSampleAsync(Sample("prod-eu", T0, Pod("a")), CancellationToken.None);
        // The same pod UID and namespace in another cluster is another pod: it gets its own row.
        Assert.Equal((1, 1), await store.SaveClusterSampleAsync(Sample("prod-us", T0.AddMinutes(1), Pod("a")), CancellationToken.None));
        Assert.Equal((0, 0), await store.SaveClusterSampleAsync(Sample("prod-eu", T0.AddMinutes(5), Pod("a")), CancellationToken.None));

        var stored = await store.ReadClusterSamplesAsync(DateRange.Everything, CancellationToken.None);
        Assert.Equal([("prod-eu", T0.AddMinutes(5)), ("prod-us", T0.AddMinutes(1))], stored.Pods.Select(p => (p.Cluster, p.LastSeen)));
    }

    [Fact]
    public async Task ReadClusterSamplesAsync_OtherDay_Nothing()
    {
        await using var store = await CostStore.OpenAsync(DbPath, TimeProvider.System, CancellationToken.None);
        await store.SaveClusterSampleAsync(Sample("prod-eu", T0, Pod("a")), CancellationToken.None);
        var stored = await store.ReadClusterSamplesAsync(new DateRange(new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 4)), CancellationToken.None);
        Assert.Empty(stored.Samples);
        Assert.Empty(stored.Pods);
    }

    [Fact]
    public async Task SaveClusterSampleAsync_NamespaceLabels_VersionedAndReadBack()
    {
        await using var store = await CostStore.OpenAsync(DbPath, TimeProvider.System, CancellationToken.None);
        NamespaceObservation Shop(string team) => new("shop", Labels.Of(("team", team)));
        await store.SaveClusterSampleAsync(Sample("prod-eu", T0, Pod("a")) with { Namespaces = [Shop("payments"), new("default", Labels.Empty)] },
            CancellationToken.None);
        await store.SaveClusterSampleAsync(Sample("prod-eu", T0.AddMinutes(5), Pod("a")) with { Namespaces = [Shop("payments"), new("default", Labels.Empty)] },
            CancellationToken.None);
        await store.SaveClusterSampleAsync(Sample("prod-eu", T0.AddMinutes(10), Pod("a")) with { Namespaces = [Shop("checkout")] },
            CancellationToken.None);

        var stored = await store.ReadClusterSamplesAsync(new DateRange(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3)), CancellationToken.None);

        Assert.Equal(
            [
                ("prod-eu", "default", "{}", T0, T0.AddMinutes(5)),
                ("prod-eu", "shop", """{"team":"payments"}""", T0, T0.AddMinutes(5)),
                ("prod-eu", "shop", """{"team":"checkout"}""", T0.AddMinutes(10), T0.AddMinutes(10)),
            ],
            stored.Namespaces.Select(n => (n.Cluster, n.Item.Name, n.Item.Labels.ToJson(), n.FirstSeen, n.LastSeen)));
    }

    [Fact]
    public async Task SaveClusterSamplesAsync_SampleNotLaterThanTheLastStored_RefusedAndNothingSaved()
    {
        await using var store = await CostStore.OpenAsync(DbPath, TimeProvider.System, CancellationToken.None);
        await store.SaveClusterSampleAsync(Sample("prod-eu", T0.AddMinutes(5), Pod("a")), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SampleOrderException>(() => store.SaveClusterSamplesAsync(
            [Sample("prod-us", T0, Pod("b")), Sample("prod-eu", T0.AddMinutes(5), Pod("a"))], CancellationToken.None));

        Assert.Contains("cluster 'prod-eu'", error.Message);
        var stored = await store.ReadClusterSamplesAsync(DateRange.Everything, CancellationToken.None);
        Assert.Equal(["prod-eu"], stored.Samples.Select(s => s.Cluster));
    }
}
