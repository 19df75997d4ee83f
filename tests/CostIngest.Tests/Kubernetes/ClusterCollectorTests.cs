using Costs.CostIngest.Kubernetes;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Costs.CostIngest.Tests.Kubernetes;

public sealed class ClusterCollectorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 10, 0, 7, TimeSpan.Zero);
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        KubeFixtures.Populate(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static KubeApiClient Client(string name, Uri server, string? token = "good-token", int pageSize = 500) =>
        new(name, null, new KubernetesClientConfiguration { Host = server.ToString(), AccessToken = token }, pageSize, retryDelay: TimeSpan.Zero);

    private KubeApiClient Client() => Client("prod-eu", _server.BaseAddress, pageSize: 2);

    [Fact]
    public async Task CollectAsync_FakeGkeCluster_NodesPodsWorkloadsAndExactUsage()
    {
        using var client = Client();
        var (sample, notes) = await ClusterCollector.CollectAsync(client, "prod-eu", "production", new TestClock(At), CancellationToken.None);

        Assert.Empty(notes);
        Assert.Equal((At, "production", true), (sample.TakenAt, sample.Environment, sample.MetricsAvailable));
        var node = sample.Nodes.Single(n => n.Name == KubeFixtures.NodeName);
        Assert.Equal((KubeFixtures.NodeName, "acme-prod", "e2-standard-2", "default-pool", "europe-west1-b", false),
            (node.InstanceName, node.ProviderProject, node.MachineType, node.NodePool, node.Zone, node.Spot));
        Assert.Equal((2m, 8340897792m, 1.93m, 6329204736m), (node.CpuCapacity, node.MemoryCapacity, node.CpuAllocatable, node.MemoryAllocatable));
        Assert.True(sample.Nodes.Single(n => n.NodePool == "spot-pool").Spot);

        // The real GKE pod: a StatefulSet pod requesting 500m and 1Gi (and 500m of ephemeral storage, not counted).
        var cassandra = sample.Pods.Single(p => p.Name == "cassandra-0");
        Assert.Equal(("dc24642d-e142-11e9-b8b8-42010af002dd", "default", KubeFixtures.NodeName, "Running", "StatefulSet/cassandra", 0.5m, 1073741824m),
            (cassandra.Uid, cassandra.Namespace, cassandra.NodeName, cassandra.Phase, cassandra.Workload, cassandra.CpuRequest, cassandra.MemoryRequest));
        Assert.Equal("cassandra", cassandra.Labels["app"]);
        Assert.Equal("Deployment/checkout", sample.Pods.Single(p => p.Uid == "uid-checkout").Workload);
        Assert.Equal("CronJob/report", sample.Pods.Single(p => p.Uid == "uid-report").Workload);
        Assert.Equal("DaemonSet/fluentbit-gke", sample.Pods.Single(p => p.Uid == "uid-fluentbit").Workload);
        Assert.Equal("Job/migrate-1", sample.Pods.Single(p => p.Uid == "uid-done").Workload);

        var usage = sample.PodUsage.ToDictionary(u => u.Key);
        Assert.Equal((0.123456789m, 1073741824m), (usage[cassandra.Uid].Cpu, usage[cassandra.Uid].Memory));
        Assert.Equal((0.412m, 314572800m), (usage["uid-checkout"].Cpu, usage["uid-checkout"].Memory));
        Assert.Equal(0.733123456m, Assert.Single(sample.NodeUsage).Cpu);
    }

    [Fact]
    public async Task CollectAsync_NoMetricsServer_SampleWithoutUsageAndANote()
    {
        _server.MetricsServed = false;
        using var client = Client();
        var (sample, notes) = await ClusterCollector.CollectAsync(client, "prod-eu", null, new TestClock(At), CancellationToken.None);

        Assert.False(sample.MetricsAvailable);
        Assert.Empty(sample.PodUsage);
        Assert.Equal(5, sample.Pods.Count);
        Assert.Contains("metrics.k8s.io is not served", Assert.Single(notes));
    }

    [Fact]
    public async Task CollectAllAsync_OneClusterUnreachableOneForbiddenOneMisconfigured_TheOtherStillCollected()
    {
        await using var refusing = await FakeKubeApiServer.StartAsync();
        refusing.Forbidden.Add("pods");
        var clusters = new[] { "dead", "no-rbac", "prod-eu", "bad-config" }.Select(n => new ClusterOptions { Name = n, Context = n }).ToList();
        IKubernetesApi Connect(ClusterOptions c) => c.Name switch
        {
            "dead" => Client("dead", new Uri("http://127.0.0.1:9/")),
            "no-rbac" => Client("no-rbac", refusing.BaseAddress),
            "prod-eu" => Client(),
            _ => throw new KubernetesConfigurationException("Context 'nope' is not in the kubeconfig /home/me/.kube/config (it has: prod-eu)."),
        };

        var outcomes = await ClusterCollector.CollectAllAsync(clusters, Connect, new TestClock(At), CancellationToken.None);

        Assert.Equal(["dead", "no-rbac", "prod-eu", "bad-config"], outcomes.Select(o => o.Cluster));
        Assert.Equal([false, false, true, false], outcomes.Select(o => o.Succeeded));
        Assert.Equal([false, false, false, true], outcomes.Select(o => o.Misconfigured));
        Assert.Contains("cannot reach", outcomes[0].Error);
        Assert.Contains("RBAC verb 'list' on resource 'pods'", outcomes[1].Error);
        Assert.Equal(5, outcomes[2].Sample!.Pods.Count);
        Assert.StartsWith("Context 'nope' is not in the kubeconfig", outcomes[3].Error);
        Assert.Equal("3 of 4 clusters were not collected ('dead', 'no-rbac', 'bad-config'); the others were.", ClusterCollector.Summary(outcomes));
    }

    [Theory]
    [InlineData("x", null)]
    [InlineData("-x", "Cluster 'x' was not collected.")]
    [InlineData("-a,-b", "None of the 2 clusters was collected.")]
    [InlineData("a,-b,c", "1 of 3 clusters was not collected ('b'); the others were.")]
    [InlineData("-a,-b,c", "2 of 3 clusters were not collected ('a', 'b'); the others were.")]
    public void Summary_FailedAmongCollected_WordsFitTheCount(string clusters, string? expected)
    {
        // "-name" is a cluster that failed.
        var outcomes = clusters.Split(',').Select(c => c.StartsWith('-')
            ? new ClusterOutcome(c[1..], null, [], "failed")
            : new ClusterOutcome(c, null, [], null)).ToList();
        Assert.Equal(expected, ClusterCollector.Summary(outcomes));
    }

    [Fact]
    public async Task CollectAsync_NamespaceObjects_LabelsKeptWithTheSample()
    {
        _server.Namespaces.Add(new System.Text.Json.Nodes.JsonObject
        {
            ["metadata"] = new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "shop", ["uid"] = "ns-uid-shop",
                ["labels"] = new System.Text.Json.Nodes.JsonObject { ["team"] = "payments", ["kubernetes.io/metadata.name"] = "shop" },
            },
            ["spec"] = new System.Text.Json.Nodes.JsonObject { ["finalizers"] = new System.Text.Json.Nodes.JsonArray("kubernetes") },
            ["status"] = new System.Text.Json.Nodes.JsonObject { ["phase"] = "Active" },
        });
        _server.Namespaces.Add(new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "default" } });
        using var client = Client();

        var (sample, _) = await ClusterCollector.CollectAsync(client, "prod-eu", null, new TestClock(At), CancellationToken.None);

        Assert.Equal(["default", "shop"], sample.Namespaces.Select(n => n.Name));
        Assert.Equal("payments", sample.Namespaces[1].Labels["team"]);
        Assert.Contains(_server.Requests, r => r.StartsWith("/api/v1/namespaces?", StringComparison.Ordinal));
    }
}
