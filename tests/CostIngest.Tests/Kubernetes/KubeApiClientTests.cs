using Costs.CostIngest.Kubernetes;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Costs.CostIngest.Tests.Kubernetes;

public sealed class KubeApiClientTests : IAsyncLifetime
{
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        KubeFixtures.Populate(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private KubeApiClient Client(string token = "good-token", int pageSize = 2) => new("prod-eu", "gke_acme-prod_europe-west1_prod-eu",
        new KubernetesClientConfiguration { Host = _server.BaseAddress.ToString(), AccessToken = token }, pageSize, retryDelay: TimeSpan.Zero);

    [Fact]
    public async Task ListPodsAsync_ThreePages_AllItemsOnceInOrder()
    {
        using var client = Client();
        var pods = await client.ListPodsAsync(CancellationToken.None);

        Assert.Equal(["cassandra-0", "checkout-7d9f8b6c5-abcde", "report-29345678-xyz12", "fluentbit-gke-q2w3e", "migrate-1-done"],
            pods.Select(p => p.Metadata.Name));
        // KubernetesClient's query: its parameters in alphabetical order, and watch=false on every list.
        Assert.Equal(["/api/v1/pods?limit=2&watch=false", "/api/v1/pods?continue=page-2&limit=2&watch=false", "/api/v1/pods?continue=page-4&limit=2&watch=false"],
            _server.Requests);
    }

    [Fact]
    public async Task ListPodsAsync_ContinueExpired_RestartsFromTheBeginning()
    {
        _server.ExpireContinueTimes = 1;
        using var client = Client();
        var pods = await client.ListPodsAsync(CancellationToken.None);

        Assert.Equal(5, pods.Count);
        Assert.Equal(5, pods.Select(p => p.Metadata.Uid).Distinct().Count());
        Assert.Equal(["/api/v1/pods?limit=2&watch=false", "/api/v1/pods?continue=page-2&limit=2&watch=false",
            "/api/v1/pods?limit=2&watch=false", "/api/v1/pods?continue=page-2&limit=2&watch=false", "/api/v1/pods?continue=page-4&limit=2&watch=false"],
            _server.Requests);
    }

    [Fact]
    public async Task ListPodsAsync_ContinueAlwaysExpired_FailsAfterRestarts()
    {
        _server.ExpireContinueTimes = 100;
        using var client = Client();
        var ex = await Assert.ThrowsAsync<KubernetesException>(() => client.ListPodsAsync(CancellationToken.None));
        Assert.Equal(410, ex.StatusCode);
        Assert.Contains("410 Gone", ex.Message);
    }

    [Fact]
    public async Task ListNodesAsync_WrongToken_OneLine401NamingClusterAndContext()
    {
        using var client = Client("stale-token");
        var ex = await Assert.ThrowsAsync<KubernetesException>(() => client.ListNodesAsync(CancellationToken.None));

        Assert.Equal(401, ex.StatusCode);
        Assert.StartsWith("Cluster 'prod-eu' (context 'gke_acme-prod_europe-west1_prod-eu'): 401 Unauthorized listing nodes", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task ListReplicaSetsAsync_Forbidden_NamesVerbResourceAndGroup()
    {
        _server.Forbidden.Add("replicasets");
        using var client = Client();
        var ex = await Assert.ThrowsAsync<KubernetesException>(() => client.ListReplicaSetsAsync(CancellationToken.None));

        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("RBAC verb 'list' on resource 'replicasets' in API group 'apps' is missing", ex.Message);
        Assert.Contains("cannot list resource \"replicasets\"", ex.Message);
    }

    [Fact]
    public async Task ListPodsAsync_ThrottledThenUnavailable_RetriedAndListed()
    {
        _server.FailFirst.Enqueue(429);
        _server.FailFirst.Enqueue(503);
        using var client = Client();
        Assert.Equal(5, (await client.ListPodsAsync(CancellationToken.None)).Count);
        Assert.Equal(5, _server.Requests.Count);
    }

    [Fact]
    public async Task ListNodesAsync_AlwaysUnavailable_FailsAfterThreeRetries()
    {
        for (var i = 0; i < 4; i++) _server.FailFirst.Enqueue(503);
        using var client = Client();
        var ex = await Assert.ThrowsAsync<KubernetesException>(() => client.ListNodesAsync(CancellationToken.None));
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task ListPodMetricsAsync_MetricsApiAbsent_Null()
    {
        _server.MetricsServed = false;
        using var client = Client();
        Assert.Null(await client.ListPodMetricsAsync(CancellationToken.None));
        Assert.Null(await client.ListNodeMetricsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ListMetricsAsync_Served_NanocoresExact()
    {
        using var client = Client(pageSize: 500);
        var pods = await client.ListPodMetricsAsync(CancellationToken.None);
        var nodes = await client.ListNodeMetricsAsync(CancellationToken.None);
        Assert.Equal(0.123456789m, pods![0].Containers[0].Usage["cpu"].ToDecimal());
        Assert.Equal(0.733123456m, Assert.Single(nodes!).Usage["cpu"].ToDecimal());
    }

    [Fact]
    public async Task ListNodesAsync_NothingListening_OneLineCannotReach()
    {
        using var client = new KubeApiClient("gone", null, new KubernetesClientConfiguration { Host = "http://127.0.0.1:9/" }, retryDelay: TimeSpan.Zero);
        var ex = await Assert.ThrowsAsync<KubernetesException>(() => client.ListNodesAsync(CancellationToken.None));
        Assert.StartsWith("Cluster 'gone': cannot reach http://127.0.0.1:9/", ex.Message);
    }

    [Fact]
    public async Task ListPodsAsync_QuantityThatDoesNotParse_OneLineNamingClusterAndResource()
    {
        _server.Pods.Add(KubeFixtures.DerivedPod("shop", "broken-1", "uid-broken", "ReplicaSet", "broken-1", "a lot", "1Gi"));
        using var client = Client(pageSize: 500);

        var ex = await Assert.ThrowsAsync<KubernetesException>(() => client.ListPodsAsync(CancellationToken.None));

        Assert.StartsWith("Cluster 'prod-eu' (context 'gke_acme-prod_europe-west1_prod-eu'): listing pods returned a value that does not parse", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
