using Costs.CostModel.Clusters;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Tests.Store;

/// <summary>
/// A store written before migration 0016 (usage one row per pod per sample) reads the same usage once upgraded,
/// summed into hours, and samples saved after the upgrade extend its versions and add to its hours.
/// </summary>
public class ClusterSampleMigrationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    // Samples at 10:00, 10:20, 10:40 and 11:00, as a store of migrations 0004 and 0009 wrote them.
    // | pod | seen          | requests (cpu, memory) | usage per sample (cpu, memory)         |
    // | a   | 10:00 – 10:40 | 0.5, 1                 | 10:00 0.2, 1   10:20 0.9, 1            |
    // | b   | 10:40 – 11:00 | 0.3, 1                 | 11:00 0.4, 2                           |
    // node n1, 10:00 – 11:00, usage 1.5 cores and 100 bytes at 10:00.
    private const string OldRows = """
        INSERT INTO cluster_sample (id, cluster, environment, taken_at, metrics) VALUES
        (1, 'prod', 'production', '2026-11-02T10:00:00.0000000+00:00', 1),
        (2, 'prod', 'production', '2026-11-02T10:20:00.0000000+00:00', 1),
        (3, 'prod', 'production', '2026-11-02T10:40:00.0000000+00:00', 1),
        (4, 'prod', 'production', '2026-11-02T11:00:00.0000000+00:00', 1);
        INSERT INTO cluster_node (id, cluster, name, content, instance_name, provider_project, machine_type, node_pool, zone, spot,
            cpu_capacity, memory_capacity, cpu_allocatable, memory_allocatable, labels, first_seen, last_seen) VALUES
        (1, 'prod', 'n1', 'old content', 'gke-n1', 'acme', 'e2-standard-4', 'pool', 'europe-west1-b', 0, '4', '16000000000',
         '3.92', '13000000000', '{}', '2026-11-02T10:00:00.0000000+00:00', '2026-11-02T11:00:00.0000000+00:00');
        INSERT INTO cluster_pod (id, cluster, uid, namespace, name, content, node_name, phase, workload, labels, cpu_request,
            memory_request, first_seen, last_seen) VALUES
        (1, 'prod', 'a', 'shop', 'api-a', 'old content', 'n1', 'Running', 'Deployment/api', '{}', '0.5', '1',
         '2026-11-02T10:00:00.0000000+00:00', '2026-11-02T10:40:00.0000000+00:00'),
        (2, 'prod', 'b', 'shop', 'api-b', 'old content', 'n1', 'Running', 'Deployment/api', '{}', '0.3', '1',
         '2026-11-02T10:40:00.0000000+00:00', '2026-11-02T11:00:00.0000000+00:00');
        INSERT INTO cluster_pod_usage (sample_id, uid, cpu, memory) VALUES (1, 'a', '0.2', '1'), (2, 'a', '0.9', '1'), (4, 'b', '0.4', '2');
        INSERT INTO cluster_node_usage (sample_id, node, cpu, memory) VALUES (1, 'n1', '1.5', '100');
        """;

    private static readonly DateRange Day = new(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3));

    [Fact]
    public async Task ReadClusterSamplesAsync_StoreBeforeMigration16_UsageSummedIntoHours()
    {
        var path = await OldStoreAsync();

        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        var stored = await store.ReadClusterSamplesAsync(Day, CancellationToken.None);

        var h10 = UsageHour.HourOf(T0);
        Assert.Equal(4, stored.Samples.Count);
        Assert.Equal([(1L, "a"), (2L, "b")], stored.Pods.Select(p => (p.Id, p.Item.Uid)));
        Assert.Equal(
        [
            new UsageHour(1, h10, 2, 1.1m, 2m, 0.4m, 0m),
            new UsageHour(2, h10 + 1, 1, 0.4m, 2m, 0.1m, 1m),
        ], stored.PodHours.OrderBy(u => u.VersionId));
        Assert.Equal([new UsageHour(1, h10, 1, 1.5m, 100m, 0m, 0m)], stored.NodeHours);
    }

    [Fact]
    public async Task SaveClusterSampleAsync_AfterMigration16_ExtendsOldVersionsAndAddsToTheirHour()
    {
        var path = await OldStoreAsync();
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        var b = new PodObservation
        {
            Uid = "b", Namespace = "shop", Name = "api-b", NodeName = "n1", Phase = "Running", Workload = "Deployment/api",
            CpuRequest = 0.3m, MemoryRequest = 1m,
        };
        var n1 = (await store.ReadClusterSamplesAsync(Day, CancellationToken.None)).Nodes[0].Item;

        var counts = await store.SaveClusterSampleAsync(new ClusterSample
        {
            Cluster = "prod", Environment = "production", TakenAt = T0.AddMinutes(80), MetricsAvailable = true,
            Nodes = [n1], Pods = [b], PodUsage = [new ResourceUsage("b", 0.5m, 1m)],
        }, CancellationToken.None);
        var stored = await store.ReadClusterSamplesAsync(Day, CancellationToken.None);

        Assert.Equal((0, 0), counts);
        Assert.Equal(T0.AddMinutes(80), stored.Pods.Single(p => p.Item.Uid == "b").LastSeen);
        Assert.Equal(T0.AddMinutes(80), stored.Nodes.Single().LastSeen);
        Assert.Equal(new UsageHour(2, UsageHour.HourOf(T0) + 1, 2, 0.9m, 3m, 0.3m, 1m), stored.PodHours.Single(u => u.VersionId == 2));
    }

    private static Task<string> OldStoreAsync() => OldStore.CreateAsync(16, OldRows);
}
