using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Costs.CostIngest.Google;
using Costs.CostIngest.Kubernetes;
using Costs.CostIngest.Kubernetes.Discovery;
using Costs.CostIngest.Tests.Fakes;
using Costs.CostResilience;

namespace Costs.CostIngest.Tests.Kubernetes.Discovery;

/// <summary>
/// Discovery end to end on loopback: a fake GKE API answers <c>projects.locations.clusters.list</c> for two
/// projects (three clusters, one still PROVISIONING), and fake Kubernetes API servers over TLS (two at the root, one behind the Connect gateway's path), each signed
/// by the CA the GKE answer carries, are sampled with the Google token as the bearer. The list shape follows the
/// GKE REST reference (Cluster: name, location, status, endpoint, masterAuth.clusterCaCertificate as base64 PEM,
/// resourceLabels, fleet.membership).
/// </summary>
public sealed class GkeDiscoveryTests : IAsyncLifetime
{
    private const string Token = "ya29.fleet-token";
    private X509Certificate2 _ca = null!;
    private FakeKubeApiServer _prod = null!;
    private FakeKubeApiServer _batch = null!;
    private FakeKubeApiServer _gateway = null!;
    private LoopbackServer _gke = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCertificates.CreateCa("gke-cluster-ca");
        _prod = await FakeKubeApiServer.StartAsync(TestCertificates.IssueServer(_ca));
        _batch = await FakeKubeApiServer.StartAsync(TestCertificates.IssueServer(_ca));
        _gateway = await FakeKubeApiServer.StartAsync(TestCertificates.IssueServer(_ca),
            pathPrefix: "/v1/projects/123456789/locations/global/gkeMemberships/batch-us");
        foreach (var server in new[] { _prod, _batch, _gateway })
        {
            KubeFixtures.Populate(server);
            server.Token = Token;
        }
        _gke = await LoopbackServer.StartAsync(request => request.Path switch
        {
            "/v1/projects/acme-prod/locations/-/clusters" => FakeResponse.Json(new JsonObject
            {
                ["clusters"] = new JsonArray(
                    Cluster("prod-eu", "europe-west1", "RUNNING", _prod, new JsonObject { ["team"] = "platform" }),
                    Cluster("prod-new", "europe-west1", "PROVISIONING", _prod, null)),
            }.ToJsonString()),
            "/v1/projects/acme-batch/locations/-/clusters" => FakeResponse.Json(new JsonObject
            {
                ["clusters"] = new JsonArray(Cluster("batch-us", "us-central1-a", "RUNNING", _batch, null, "123456789")),
            }.ToJsonString()),
            _ => new FakeResponse(404, """{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}"""),
        });
    }

    public async Task DisposeAsync()
    {
        await _gke.DisposeAsync();
        await _prod.DisposeAsync();
        await _batch.DisposeAsync();
        await _gateway.DisposeAsync();
        _ca.Dispose();
    }

    private JsonObject Cluster(string name, string location, string status, FakeKubeApiServer server, JsonObject? labels, string? fleetProject = null)
    {
        var cluster = new JsonObject
        {
            ["name"] = name, ["location"] = location, ["status"] = status,
            ["endpoint"] = $"127.0.0.1:{server.BaseAddress.Port}",
            ["masterAuth"] = new JsonObject { ["clusterCaCertificate"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(_ca.ExportCertificatePem())) },
            ["privateClusterConfig"] = new JsonObject { ["publicEndpoint"] = $"127.0.0.1" },
        };
        if (labels is not null) cluster["resourceLabels"] = labels;
        if (fleetProject is not null)
            cluster["fleet"] = new JsonObject
            {
                ["project"] = $"projects/{fleetProject}",
                ["membership"] = $"//gkehub.googleapis.com/projects/{fleetProject}/locations/global/memberships/{name}",
            };
        return cluster;
    }

    private DiscoverOptions Options(bool gateway = false) => new()
    {
        Projects = ["acme-prod", "acme-batch"], BaseUri = _gke.BaseUri, ConnectGateway = gateway,
        ConnectGatewayBaseUri = new Uri($"https://127.0.0.1:{_gateway.BaseAddress.Port}/"),
        Retry = new RetryOptions { MaxRetries = 1, BaseDelay = TimeSpan.Zero },
    };

    private async Task<Discovered> DiscoverAsync(DiscoverOptions options)
    {
        using var http = new HttpClient();
        var google = new GoogleHttp(http, new StaticAccessTokenSource(Token), options.Retry, TimeProvider.System, GkeDiscovery.Describe);
        return await GkeDiscovery.DiscoverAsync(google, options, CancellationToken.None);
    }

    private static ClusterConnector Connector() =>
        new(new KubernetesOptions(), _ => null, Path.GetTempPath(), TimeProvider.System) { RetryDelay = TimeSpan.Zero };

    [Fact]
    public async Task DiscoverAsync_TwoProjects_RunningClustersWithEndpointAndCa()
    {
        var found = await DiscoverAsync(Options());

        Assert.Equal(["prod-eu", "batch-us"], found.Clusters.Select(c => c.Name));
        var prod = found.Clusters[0];
        Assert.Equal(("acme-prod", "europe-west1"), (prod.Project, prod.Location));
        Assert.Equal(new Uri($"https://127.0.0.1:{_prod.BaseAddress.Port}/"), prod.Server);
        Assert.Equal(_ca.ExportCertificatePem(), prod.CaPem);
        Assert.Equal("platform", prod.Labels["team"]);
        var note = Assert.Single(found.Notes);
        Assert.Equal("GKE cluster 'prod-new' (acme-prod/europe-west1) is PROVISIONING, not RUNNING: not collected.", note);
        Assert.All(_gke.Requests, r => Assert.Equal($"Bearer {Token}", r.Authorization));
    }

    [Fact]
    public async Task DiscoverAsync_NameGlobAndLabels_OnlyMatching()
    {
        var options = Options();
        options.Names = "prod-*";
        Assert.Equal(["prod-eu"], (await DiscoverAsync(options)).Clusters.Select(c => c.Name));
        options.Names = null;
        options.Labels["team"] = "data";
        Assert.Empty((await DiscoverAsync(options)).Clusters);
    }

    [Fact]
    public async Task CollectAllAsync_DiscoveredClusters_SampledWithGoogleToken()
    {
        var found = await DiscoverAsync(Options());
        var connector = Connector();
        var byName = found.Clusters.ToDictionary(c => c.Name);

        var outcomes = await ClusterCollector.CollectAllAsync(found.Clusters.Select(c => new ClusterOptions { Name = c.Name }),
            c => connector.Connect(byName[c.Name], new StaticAccessTokenSource(Token)), TimeProvider.System, CancellationToken.None);

        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(["prod-eu", "batch-us"], outcomes.Select(o => o.Sample!.Cluster));
        Assert.Equal(2, outcomes[0].Sample!.Nodes.Count);
        Assert.NotEmpty(_prod.Requests);
        Assert.NotEmpty(_batch.Requests);
    }

    [Fact]
    public async Task CollectAllAsync_ConnectGateway_RequestsUnderTheMembershipPath()
    {
        var options = Options(gateway: true);
        var found = await DiscoverAsync(options);
        // prod-eu is not registered to a fleet: the gateway cannot reach it.
        var cluster = Assert.Single(found.Clusters);
        Assert.Equal(new Uri($"https://127.0.0.1:{_gateway.BaseAddress.Port}/v1/projects/123456789/locations/global/gkeMemberships/batch-us/"),
            cluster.Server);
        Assert.Contains(found.Notes, n => n.Contains("'prod-eu'", StringComparison.Ordinal) && n.Contains("fleet", StringComparison.Ordinal));

        using var api = (KubeApiClient)Connector().Connect(cluster, new StaticAccessTokenSource(Token));
        Assert.Equal(2, (await api.ListNodesAsync(CancellationToken.None)).Count);
        Assert.Contains(_gateway.Requests, r => r.StartsWith("/v1/projects/123456789/locations/global/gkeMemberships/batch-us/api/v1/nodes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListNodesAsync_WrongGoogleToken_401NamesTheCluster()
    {
        var cluster = (await DiscoverAsync(Options())).Clusters[0];
        using var api = (KubeApiClient)Connector().Connect(cluster, new StaticAccessTokenSource("expired"));
        var ex = await Assert.ThrowsAsync<KubernetesException>(() => api.ListNodesAsync(CancellationToken.None));
        Assert.StartsWith("Cluster 'prod-eu': 401 Unauthorized", ex.Message);
    }

    [Fact]
    public async Task DiscoverAsync_PermissionDenied_OneLineNamingTheRole()
    {
        await using var gke = await LoopbackServer.StartAsync(_ => new FakeResponse(403,
            """{"error":{"code":403,"message":"Required \"container.clusters.list\" permission(s) for \"projects/acme-prod\".","status":"PERMISSION_DENIED"}}"""));
        var options = Options();
        options.BaseUri = gke.BaseUri;
        var ex = await Assert.ThrowsAsync<GoogleApiException>(() => DiscoverAsync(options));
        Assert.Equal(GoogleApiError.PermissionDenied, ex.Error);
        Assert.Contains("roles/container.clusterViewer", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
