using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Costs.CostAnalyzer.Allocation;
using Costs.CostIngest.Tests.Fakes;
using Costs.CostIngest.Tests.Kubernetes;
using Costs.Tests.BigQuery;
using Costs.Tests.EndToEnd;
using Xunit.Abstractions;

namespace Costs.Tests.Fleet;

/// <summary>
/// The acceptance of issue 10, through the executable: three GKE clusters in two projects, discovered through the
/// GKE API (a loopback fake answering projects.locations.clusters.list) and reached through the Connect gateway
/// (a loopback HTTPS host that serves each cluster under its membership's path) with a Google access token from
/// the metadata server (a loopback fake at GCE_METADATA_HOST; Application Default Credentials find it as on GKE
/// with Workload Identity), are sampled by one `costs collect`. A billing export file whose node rows carry those
/// clusters' names is ingested; `costs query --by cluster` and `--by service` add up to the bill, and the shared
/// namespace and the label-selected pods are split as computed by hand (docs/fleet.md walks through the figures).
/// </summary>
public sealed class FleetAcceptanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "ya29.from-metadata-server";
    private const string TokenPath = "/computeMetadata/v1/instance/service-accounts/default/token";

    private static readonly FleetCluster[] Fleet =
    [
        new("prod-eu", "acme-prod", "123456789012", "gke-prod-eu-default-pool-1a2b", "europe-west1",
        [
            ("shop", "web-7d9f8b6c5-a1b2c", Labels("web", "shop", "production"), 2, 8),
            ("shop", "api-6c5b4a3d2-c3d4e", Labels("api", "shop", "production"), 1, 4),
            ("monitoring", "prometheus-0", Labels("prometheus", "platform", "production"), 1, 4),
        ]),
        new("staging-eu", "acme-prod", "123456789012", "gke-staging-eu-default-pool-3c4d", "europe-west1",
        [
            ("shop", "web-5f6e7d8c9-e5f6g", Labels("web", "shop", "staging"), 2, 8),
            ("vault", "vault-0", Labels("vault", "platform", "staging"), 1, 4),
            ("kube-system", "fluentbit-x7k2p", new JsonObject { ["app"] = "fluentbit" }, 1, 4),
        ]),
        new("batch-us", "acme-batch", "210987654321", "gke-batch-us-default-pool-5e6f", "us-central1",
        [
            ("jobs", "etl-28473920-q8r9s", Labels("etl", "data", "production"), 3, 12),
        ]),
    ];

    private X509Certificate2 _ca = null!;
    private readonly List<FakeKubeApiServer> _clusters = [];
    private FakeConnectGateway _gateway = null!;
    private LoopbackServer _gke = null!;
    private LoopbackServer _metadata = null!;

    private static JsonObject Labels(string app, string team, string environment) =>
        new() { ["app"] = app, ["team"] = team, ["environment"] = environment };

    public async Task InitializeAsync()
    {
        _ca = TestCertificates.CreateCa("fleet-ca");
        foreach (var cluster in Fleet)
        {
            var server = await FakeKubeApiServer.StartAsync(pathPrefix: cluster.MembershipPath);
            server.Token = Token;
            cluster.Populate(server);
            _clusters.Add(server);
        }
        _gateway = await FakeConnectGateway.StartAsync(TestCertificates.IssueServer(_ca), _clusters);
        var caPem = _ca.ExportCertificatePem();
        _gke = await LoopbackServer.StartAsync(request =>
        {
            var project = Fleet.FirstOrDefault(c => request.Path == $"/v1/projects/{c.Project}/locations/-/clusters")?.Project;
            return project is null
                ? new FakeResponse(404, """{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}""")
                : FakeResponse.Json(new JsonObject
                {
                    ["clusters"] = new JsonArray(Fleet.Where(c => c.Project == project).Select(c => (JsonNode)c.GkeCluster(caPem)).ToArray()),
                }.ToJsonString());
        });
        // The GKE metadata server: every answer says Metadata-Flavor: Google, which is how a client knows it is one.
        var flavour = new Dictionary<string, string> { ["Metadata-Flavor"] = "Google" };
        _metadata = await LoopbackServer.StartAsync(request => request.Path == TokenPath
            ? new FakeResponse(200, $$"""{"access_token":"{{Token}}","expires_in":3599,"token_type":"Bearer"}""", flavour)
            : new FakeResponse(200, "", flavour));
    }

    public async Task DisposeAsync()
    {
        await _metadata.DisposeAsync();
        await _gke.DisposeAsync();
        await _gateway.DisposeAsync();
        foreach (var c in _clusters) await c.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task CollectIngestQuery_ThreeDiscoveredClusters_TotalsAddUpToTheBillAndSharedSplitAsHandComputed()
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File("costs.json"), Config());
        var env = new Dictionary<string, string>
        {
            ["GCE_METADATA_HOST"] = $"127.0.0.1:{_metadata.BaseUri.Port}",
            ["CLOUDSDK_CONFIG"] = dir.File("gcloud"), // no user login here: ADC falls through to the metadata server
            ["GOOGLE_APPLICATION_CREDENTIALS"] = "",
        };

        // One sample of every cluster; the bill below is for the hour that sample covers.
        DateTimeOffset hour;
        do
        {
            hour = Hour(DateTimeOffset.UtcNow);
            var collect = await CostsProcessWithEnvironment.RunAsync(dir.Root, env, "collect");
            Assert.True(collect.ExitCode == 0, collect.Out + collect.Error);
            output.WriteLine(collect.Out);
        }
        while (Hour(DateTimeOffset.UtcNow) != hour);
        Assert.Contains(_metadata.Requests, r => r.Path == TokenPath);
        Assert.All(_gke.Requests, r => Assert.Equal($"Bearer {Token}", r.Authorization));
        Assert.All(_clusters, c => Assert.Contains(c.Requests, r => r.StartsWith(c.BaseAddress.AbsolutePath + "api/v1/pods", StringComparison.Ordinal)));

        await File.WriteAllTextAsync(dir.File("billing.jsonl"), Bill(hour));
        var ingest = await CostsProcessWithEnvironment.RunAsync(dir.Root, env, "ingest", "file", "billing.jsonl");
        Assert.True(ingest.ExitCode == 0, ingest.Out + ingest.Error);

        var byCluster = await QueryAsync(dir, env, "cluster");
        Assert.Equal(new Dictionary<string, decimal> { ["prod-eu"] = 0.60m, ["batch-us"] = 0.32m, ["staging-eu"] = 0.32m, [""] = 0.08m }, byCluster);
        var byService = await QueryAsync(dir, env, "service");
        Assert.Equal(new Dictionary<string, decimal>
        {
            ["web"] = 0.65m, ["etl"] = 0.26m, ["api"] = 0.22m, ["(idle)"] = 0.08m, ["(shared overhead)"] = 0.08m, ["(unallocated)"] = 0.03m,
        }, byService);
        Assert.Equal(1.32m, byCluster.Values.Sum());
        Assert.Equal(1.32m, byService.Values.Sum());

        // prometheus (namespace monitoring, 0.10 vCPU + 0.05 RAM) goes to prod-eu's services by their cost there:
        // web 0.30, api 0.15, so web 2/3 and api 1/3 of each line. vault (namespace labelled cost-share=platform,
        // 0.04 + 0.04) goes evenly to the organisation's four services: 0.02 each.
        var shared = await QueryAsync(dir, env, "service,environment,namespace");
        Assert.Equal(0.10m, shared["web|production|monitoring"]);
        Assert.Equal(0.05m, shared["api|production|monitoring"]);
        foreach (var receiver in new[] { "web|production", "web|staging", "api|production", "etl|production" })
            Assert.Equal(0.02m, shared[receiver + "|vault"]);
        Assert.DoesNotContain(shared.Keys, k => k.StartsWith("prometheus", StringComparison.Ordinal) || k.StartsWith("vault", StringComparison.Ordinal));

        // The support contract is not on the bill: apart from the totals above, and exactly its share of the day.
        var support = await QueryAsync(dir, env, "kind", "--fixed");
        var day = DateOnly.FromDateTime(hour.UtcDateTime);
        Assert.Equal(new Dictionary<string, decimal> { ["fixed"] = FixedAmounts.DayAmount(SupportContract(), day) }, support);

        foreach (var args in new[] { "--by cluster", "--by service", "--by service,namespace,cluster", "--by service --fixed" })
        {
            var table = await CostsProcessWithEnvironment.RunAsync(dir.Root, env, ["query", .. args.Split(' ')]);
            Assert.True(table.ExitCode == 0, table.Error);
            Assert.Equal(!args.EndsWith("--fixed", StringComparison.Ordinal), table.Out.Contains("Not on the bill and not in this total", StringComparison.Ordinal));
            output.WriteLine($"$ costs query {args}\n{table.Out}");
        }
    }

    private static SharedCostOptions SupportContract() =>
        new() { Name = "support", MonthlyAmount = 3000m, Currency = "USD", Scope = SharedScope.Organisation, By = SharedSplit.Even };

    private string Config() => $$"""
        {
          "Kubernetes": {
            "RequestTimeout": "00:00:30",
            "Discover": {
              "Projects": ["acme-prod", "acme-batch"],
              "ConnectGateway": true,
              "BaseUri": "{{_gke.BaseUri}}",
              "ConnectGatewayBaseUri": "{{_gateway.BaseUri}}",
              "Retry": { "MaxRetries": 0 }
            }
          },
          "Allocation": {
            "Shared": [
              { "Name": "observability", "Namespaces": ["monitoring"], "Scope": "Cluster", "By": "Weighted" },
              { "Name": "platform", "Labels": { "cost-share": "platform" }, "Scope": "Organisation", "By": "Even" },
              { "Name": "support", "MonthlyAmount": 3000, "Currency": "USD", "Scope": "Organisation", "By": "Even" }
            ]
          }
        }
        """;

    private static DateTimeOffset Hour(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);

    /// <summary>Net per group of `costs query --by BY --format json`, the values joined with '|' (null as "").</summary>
    private static async Task<Dictionary<string, decimal>> QueryAsync(TempDir dir, Dictionary<string, string> env, string by, params string[] extra)
    {
        var result = await CostsProcessWithEnvironment.RunAsync(dir.Root, env, ["query", "--by", by, "--format", "json", .. extra]);
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var dims = by.Split(',');
        return JsonNode.Parse(result.Out)!["rows"]!.AsArray()
            .Select(r => (Key: string.Join('|', dims.Select(d => (string?)r![d] ?? "")), Net: (decimal)r!["net"]!))
            .Where(g => g.Net != 0m)
            .GroupBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Net));
    }

    /// <summary>
    /// One hour of the detailed export (the BigQuery JSON shape), USD, no credits: each node VM's vCPU and RAM
    /// lines, carrying its cluster's goog-k8s-cluster-name; a labelled Cloud Storage line and an unlabelled Cloud SQL one.
    /// </summary>
    private static string Bill(DateTimeOffset hour)
    {
        var sb = new StringBuilder();
        void Line(string project, string service, string sku, string region, string? resource, decimal cost, params (string Key, string Value)[] labels)
        {
            var row = new JsonObject
            {
                ["billing_account_id"] = "01A2B3-C4D5E6-F7A8B9",
                ["service"] = new JsonObject { ["id"] = service == "Compute Engine" ? "6F81-5844-456A" : "95FF-2EF5-5EA1", ["description"] = service },
                ["sku"] = new JsonObject { ["id"] = "SKU-" + Math.Abs(StringComparer.Ordinal.GetHashCode(sku) % 10000), ["description"] = sku },
                ["usage_start_time"] = hour.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
                ["usage_end_time"] = hour.AddHours(1).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
                ["project"] = new JsonObject { ["id"] = project, ["name"] = project, ["labels"] = new JsonArray() },
                ["labels"] = new JsonArray(labels.Select(l => (JsonNode)new JsonObject { ["key"] = l.Key, ["value"] = l.Value }).ToArray()),
                ["system_labels"] = new JsonArray(),
                ["location"] = new JsonObject { ["location"] = region, ["country"] = "BE", ["region"] = region, ["zone"] = null },
                ["resource"] = resource is null ? null : new JsonObject { ["name"] = resource, ["global_name"] = $"//compute.googleapis.com/projects/{project}/zones/{region}-b/instances/{resource}" },
                ["export_time"] = hour.AddHours(5).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
                ["cost"] = cost,
                ["currency"] = "USD",
                ["currency_conversion_rate"] = 1.0,
                ["usage"] = new JsonObject { ["amount"] = 3600, ["unit"] = "seconds", ["amount_in_pricing_units"] = 1, ["pricing_unit"] = "hour" },
                ["credits"] = new JsonArray(),
                ["invoice"] = new JsonObject { ["month"] = hour.ToString("yyyyMM", CultureInfo.InvariantCulture) },
                ["cost_type"] = "regular",
            };
            sb.Append(row.ToJsonString()).Append('\n');
        }
        foreach (var (cluster, core, ram) in new[] { (Fleet[0], 0.40m, 0.20m), (Fleet[1], 0.16m, 0.16m), (Fleet[2], 0.20m, 0.12m) })
        {
            var place = cluster.Region == "us-central1" ? "Americas" : "Belgium";
            Line(cluster.Project, "Compute Engine", $"E2 Instance Core running in {place}", cluster.Region, cluster.Node, core, ("goog-k8s-cluster-name", cluster.Name));
            Line(cluster.Project, "Compute Engine", $"E2 Instance Ram running in {place}", cluster.Region, cluster.Node, ram, ("goog-k8s-cluster-name", cluster.Name));
        }
        Line("acme-prod", "Cloud Storage", "Standard Storage Belgium", "europe-west1", null, 0.05m, ("app", "web"), ("team", "shop"), ("environment", "production"));
        Line("acme-prod", "Cloud SQL", "Cloud SQL for PostgreSQL: Zonal - vCPU in Belgium", "europe-west1", null, 0.03m);
        return sb.ToString();
    }
}
