using System.Security.Cryptography.X509Certificates;
using Costs.CostIngest.Kubernetes;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Costs.CostIngest.Tests.Kubernetes;

/// <summary>HTTPS to the fake API server, whose certificate is signed by a private CA, as a GKE control plane's is.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private X509Certificate2 _ca = null!;
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCertificates.CreateCa("cluster-ca");
        _server = await FakeKubeApiServer.StartAsync(TestCertificates.IssueServer(_ca));
        KubeFixtures.Populate(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
    }

    private static KubeApiClient Client(FakeKubeApiServer server, X509Certificate2Collection? ca, bool insecure = false) => new("prod-eu", null,
        new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), SslCaCerts = ca, SkipTlsVerify = insecure, AccessToken = "good-token" },
        retryDelay: TimeSpan.Zero);

    private static X509Certificate2Collection Pem(params X509Certificate2[] certificates)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));
        return collection;
    }

    [Fact]
    public async Task ListNodesAsync_ClusterCaTrusted_Listed()
    {
        Assert.Equal("https", _server.BaseAddress.Scheme);
        using var client = Client(_server, Pem(_ca));
        Assert.Equal(2, (await client.ListNodesAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ListNodesAsync_CaUnknown_Refused()
    {
        using var client = Client(_server, null);
        var ex = await Assert.ThrowsAsync<KubernetesException>(() => client.ListNodesAsync(CancellationToken.None));
        Assert.StartsWith("Cluster 'prod-eu': cannot reach https://127.0.0.1:", ex.Message);
    }

    [Fact]
    public async Task ListNodesAsync_OtherCa_Refused()
    {
        using var other = TestCertificates.CreateCa("other-ca");
        using var client = Client(_server, Pem(other));
        var ex = await Assert.ThrowsAsync<KubernetesException>(() => client.ListNodesAsync(CancellationToken.None));
        Assert.Contains("cannot reach", ex.Message);
    }

    [Fact]
    public async Task ListNodesAsync_InsecureSkipTlsVerify_Listed()
    {
        using var client = Client(_server, null, insecure: true);
        Assert.Equal(2, (await client.ListNodesAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ListNodesAsync_ServerSignedByIntermediateCaInTheBundle_Listed()
    {
        // certificate-authority-data holding the intermediate and its root, as a corporate PKI hands them out;
        // the server sends only its own certificate.
        using var intermediate = TestCertificates.CreateIntermediate(_ca, "cluster-intermediate-ca");
        await using var server = await FakeKubeApiServer.StartAsync(TestCertificates.IssueServer(intermediate));
        KubeFixtures.Populate(server);
        using var client = Client(server, Pem(intermediate, _ca));
        Assert.Equal(2, (await client.ListNodesAsync(CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("kube.internal", true)]
    [InlineData("other.internal", false)]
    public async Task ListNodesAsync_CertificateNamesOnlyKubeInternal_ListedOnlyWithThatTlsServerName(string? tlsServerName, bool listed)
    {
        // Reached by address; the certificate, signed by the cluster CA, names only kube.internal.
        await using var server = await FakeKubeApiServer.StartAsync(TestCertificates.IssueServer(_ca, dnsName: "kube.internal"));
        KubeFixtures.Populate(server);
        using var client = new KubeApiClient("prod-eu", null, new KubernetesClientConfiguration
        {
            Host = server.BaseAddress.ToString(), SslCaCerts = Pem(_ca), TlsServerName = tlsServerName, AccessToken = "good-token",
        }, retryDelay: TimeSpan.Zero);

        if (listed) Assert.Equal(2, (await client.ListNodesAsync(CancellationToken.None)).Count);
        else Assert.Contains("cannot reach", (await Assert.ThrowsAsync<KubernetesException>(() => client.ListNodesAsync(CancellationToken.None))).Message);
    }
}
