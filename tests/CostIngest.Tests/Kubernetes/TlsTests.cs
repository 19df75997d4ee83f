using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Costs.CostIngest.Kubernetes;

namespace Costs.CostIngest.Tests.Kubernetes;

/// <summary>HTTPS to the fake API server, whose certificate is signed by a private CA, as a GKE control plane's is.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private X509Certificate2 _ca = null!;
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=cluster-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(_ca, now.AddDays(-1), now.AddDays(10), [1, 2, 3, 4]);
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        var serverCert = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);

        _server = await FakeKubeApiServer.StartAsync(serverCert);
        KubeFixtures.Populate(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
    }

    private KubeApiClient Client(X509Certificate2Collection? ca, bool insecure = false) => new(new KubeConnection
    {
        Name = "prod-eu", Server = _server.BaseAddress, CertificateAuthority = ca, InsecureSkipTlsVerify = insecure,
        Token = new StaticToken("good-token"),
    }, retryDelay: TimeSpan.Zero);

    [Fact]
    public async Task ListNodesAsync_ClusterCaTrusted_Listed()
    {
        Assert.Equal("https", _server.BaseAddress.Scheme);
        using var client = Client(KubeConnection.CertificatesFromPem(_ca.ExportCertificatePem()));
        Assert.Equal(2, (await client.ListNodesAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ListNodesAsync_CaUnknown_Refused()
    {
        using var client = Client(null);
        var ex = await Assert.ThrowsAsync<KubernetesException>(() => client.ListNodesAsync(CancellationToken.None));
        Assert.StartsWith("Cluster 'prod-eu': cannot reach https://127.0.0.1:", ex.Message);
    }

    [Fact]
    public async Task ListNodesAsync_OtherCa_Refused()
    {
        using var otherKey = RSA.Create(2048);
        using var other = new CertificateRequest("CN=other-ca", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var client = Client(KubeConnection.CertificatesFromPem(other.ExportCertificatePem()));
        await Assert.ThrowsAsync<KubernetesException>(() => client.ListNodesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ListNodesAsync_InsecureSkipTlsVerify_Listed()
    {
        using var client = Client(null, insecure: true);
        Assert.Equal(2, (await client.ListNodesAsync(CancellationToken.None)).Count);
    }
}
