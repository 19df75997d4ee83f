using System.Text.Json.Nodes;

namespace Costs.CostIngest.Tests.Kubernetes;

/// <summary>
/// The objects the fake server serves. The first pod is the real GKE pod from fixtures/gke_podlist_cassandra.json
/// (DataDog integrations-core, BSD-3-Clause); the others are derived from it in code.
/// </summary>
internal static class KubeFixtures
{
    public const string NodeName = "gke-cluster-default-pool-4658d5d4-p39c";

    public static string FixturePath(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "CostIngest.Tests", "Kubernetes", "fixtures", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Fixture {file} not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Lists the nodes through <paramref name="api"/>, then disposes it.</summary>
    public static async Task<int> NodeCountAsync(Costs.CostIngest.Kubernetes.IKubernetesApi api)
    {
        using (api as IDisposable)
            return (await api.ListNodesAsync(CancellationToken.None)).Count;
    }

    /// <summary>The real cassandra-0 pod, as the PodList holds it.</summary>
    public static JsonObject CassandraPod()
    {
        var list = JsonNode.Parse(File.ReadAllText(FixturePath("gke_podlist_cassandra.json")))!.AsObject();
        return list["items"]![0]!.AsObject();
    }

    /// <summary>A copy of the cassandra pod with another name, namespace, UID, owner and CPU request.</summary>
    public static JsonObject DerivedPod(string ns, string name, string uid, string ownerKind, string ownerName, string cpu, string memory,
        string? node = NodeName, string phase = "Running")
    {
        var pod = CassandraPod();
        var meta = pod["metadata"]!.AsObject();
        meta["name"] = name;
        meta["namespace"] = ns;
        meta["uid"] = uid;
        meta["labels"] = new JsonObject { ["app"] = name.Split('-')[0] };
        meta["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = ownerKind, ["name"] = ownerName, ["uid"] = uid + "-owner", ["controller"] = true,
        });
        var container = pod["spec"]!["containers"]![0]!.AsObject();
        container["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory } };
        pod["spec"]!["nodeName"] = node;
        pod["status"]!["phase"] = phase;
        return pod;
    }

    public static JsonObject Node(string name, string pool, bool spot = false) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["uid"] = "node-" + name,
            ["labels"] = new JsonObject
            {
                ["node.kubernetes.io/instance-type"] = "e2-standard-2",
                ["beta.kubernetes.io/instance-type"] = "e2-standard-2",
                ["cloud.google.com/gke-nodepool"] = pool,
                ["topology.kubernetes.io/zone"] = "europe-west1-b",
                ["cloud.google.com/gke-spot"] = spot ? "true" : null,
            },
        },
        ["spec"] = new JsonObject { ["providerID"] = $"gce://acme-prod/europe-west1-b/{name}" },
        ["status"] = new JsonObject
        {
            ["capacity"] = new JsonObject { ["cpu"] = "2", ["memory"] = "8145408Ki", ["pods"] = "110", ["ephemeral-storage"] = "98831908Ki" },
            ["allocatable"] = new JsonObject { ["cpu"] = "1930m", ["memory"] = "6180864Ki", ["pods"] = "110" },
        },
    };

    public static JsonObject Owned(string ns, string name, string ownerKind, string ownerName) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name, ["namespace"] = ns, ["uid"] = "uid-" + name,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = ownerKind == "CronJob" ? "batch/v1" : "apps/v1", ["kind"] = ownerKind, ["name"] = ownerName,
                ["uid"] = "uid-" + ownerName, ["controller"] = true, ["blockOwnerDeletion"] = true,
            }),
        },
    };

    public static JsonObject PodMetric(string ns, string name, string cpu, string memory) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = "2026-11-02T10:00:05Z" },
        ["timestamp"] = "2026-11-02T10:00:00Z",
        ["window"] = "30s",
        ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["usage"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory } }),
    };

    public static JsonObject NodeMetric(string name, string cpu, string memory) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
        ["timestamp"] = "2026-11-02T10:00:00Z",
        ["window"] = "20s",
        ["usage"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory },
    };

    /// <summary>
    /// One node pool of two nodes; on the first: cassandra-0 (StatefulSet, the real pod), checkout (Deployment
    /// through its ReplicaSet), report (CronJob through its Job), fluentbit (DaemonSet, kube-system), a
    /// finished pod; and metrics for three of them.
    /// </summary>
    public static void Populate(FakeKubeApiServer server)
    {
        server.Nodes.Add(Node(NodeName, "default-pool"));
        server.Nodes.Add(Node("gke-cluster-spot-pool-1a2b3c4d-x9z8", "spot-pool", spot: true));
        server.Pods.Add(CassandraPod());
        server.Pods.Add(DerivedPod("shop", "checkout-7d9f8b6c5-abcde", "uid-checkout", "ReplicaSet", "checkout-7d9f8b6c5", "250m", "512Mi"));
        server.Pods.Add(DerivedPod("shop", "report-29345678-xyz12", "uid-report", "Job", "report-29345678", "100m", "128Mi"));
        server.Pods.Add(DerivedPod("kube-system", "fluentbit-gke-q2w3e", "uid-fluentbit", "DaemonSet", "fluentbit-gke", "100m", "200Mi"));
        server.Pods.Add(DerivedPod("shop", "migrate-1-done", "uid-done", "Job", "migrate-1", "1", "1Gi", phase: "Succeeded"));
        server.ReplicaSets.Add(Owned("shop", "checkout-7d9f8b6c5", "Deployment", "checkout"));
        server.Jobs.Add(Owned("shop", "report-29345678", "CronJob", "report"));
        server.PodMetrics.Add(PodMetric("default", "cassandra-0", "123456789n", "1048576Ki"));
        server.PodMetrics.Add(PodMetric("shop", "checkout-7d9f8b6c5-abcde", "412000000n", "300Mi"));
        server.PodMetrics.Add(PodMetric("kube-system", "fluentbit-gke-q2w3e", "2500000n", "40Mi"));
        server.NodeMetrics.Add(NodeMetric(NodeName, "733123456n", "3567234Ki"));
    }
}
