using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Costs.Cli;
using Costs.CostIngest.Tests.Fakes;
using Costs.CostIngest.Tests.Kubernetes;

namespace Costs.Tests.Cli.Verbs;

/// <summary>
/// `costs collect` with only Kubernetes:Discover configured: the GKE API (a loopback fake) lists the clusters,
/// each one's Kubernetes API (a loopback fake over TLS, signed by the CA the list carries) is sampled with the
/// Google token from COSTS_GOOGLE_ACCESS_TOKEN, and the samples are saved under the GKE names.
/// </summary>
public sealed class CollectDiscoverTests : IAsyncLifetime
{
    private const string Token = "ya29.discover";
    private X509Certificate2 _ca = null!;
    private FakeKubeApiServer _cluster = null!;
    private LoopbackServer _gke = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCertificates.CreateCa("gke-ca");
        _cluster = await FakeKubeApiServer.StartAsync(TestCertificates.IssueServer(_ca));
        KubeFixtures.Populate(_cluster);
        _cluster.Token = Token;
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(_ca.ExportCertificatePem()));
        _gke = await LoopbackServer.StartAsync(request => request.Path == "/v1/projects/acme-prod/locations/-/clusters"
            ? FakeResponse.Json(new JsonObject
            {
                ["clusters"] = new JsonArray(
                    new JsonObject
                    {
                        ["name"] = "prod-eu", ["location"] = "europe-west1", ["status"] = "RUNNING",
                        ["endpoint"] = $"127.0.0.1:{_cluster.BaseAddress.Port}",
                        ["masterAuth"] = new JsonObject { ["clusterCaCertificate"] = ca },
                    },
                    new JsonObject { ["name"] = "prod-old", ["location"] = "europe-west1", ["status"] = "STOPPING" }),
            }.ToJsonString())
            : new FakeResponse(404, """{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}"""));
    }

    public async Task DisposeAsync()
    {
        await _gke.DisposeAsync();
        await _cluster.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task Collect_OnlyDiscoverConfigured_CollectsDiscoveredClusters()
    {
        using var run = new CliRun();
        run.Variables["COSTS_GOOGLE_ACCESS_TOKEN"] = Token;
        run.WriteConfig($$"""
            { "Kubernetes": { "RequestTimeout": "00:00:30",
              "Discover": { "Projects": ["acme-prod"], "BaseUri": "{{_gke.BaseUri}}", "Retry": { "MaxRetries": 0 } } } }
            """);

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("collect"));

        var output = run.Out.ToString();
        Assert.Contains("GKE cluster 'prod-old' (acme-prod/europe-west1) is STOPPING, not RUNNING: not collected.", output);
        Assert.Contains("prod-eu: 2 nodes (2 new or changed)", output);
        Assert.Contains(_gke.Requests, r => r.Authorization == $"Bearer {Token}");
        Assert.Contains(_cluster.Requests, r => r.StartsWith("/api/v1/nodes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Collect_ConfiguredClusterOfTheSameName_ConfiguredWinsWithANote()
    {
        using var run = new CliRun();
        run.Variables["COSTS_GOOGLE_ACCESS_TOKEN"] = Token;
        run.Variables["KUBECONFIG"] = "nowhere.yaml";
        run.WriteConfig($$"""
            { "Kubernetes": { "Clusters": [ { "Name": "prod-eu", "Context": "gke_acme-prod_europe-west1_prod-eu" } ],
              "Discover": { "Projects": ["acme-prod"], "BaseUri": "{{_gke.BaseUri}}", "Retry": { "MaxRetries": 0 } } } }
            """);

        Assert.Equal(ExitCodes.Usage, await run.RunAsync("collect"));

        Assert.Contains("GKE cluster 'prod-eu' (acme-prod/europe-west1) is also configured in Kubernetes:Clusters: the configured one is collected.",
            run.Out.ToString());
        Assert.Empty(_cluster.Requests); // the configured cluster's kubeconfig is missing: the discovered one was not used instead
    }
}
