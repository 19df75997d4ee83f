using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Costs.CostIngest.Kubernetes;

namespace Costs.CostIngest.Tests.Kubernetes;

public sealed class KubeConfigTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("costs-kubeconfig-").FullName;
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        KubeFixtures.Populate(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A kubeconfig as `gcloud container clusters get-credentials` writes it (exec user), plus a token user,
    // a client-certificate user and a tokenFile user, all pointing at the loopback fake.
    private string Yaml(string caData = "", string certData = "", string keyData = "") => $"""
        apiVersion: v1
        kind: Config
        current-context: prod-token
        clusters:
        - name: gke_acme-prod_europe-west1_prod-eu
          cluster:
            server: {_server.BaseAddress}
            {(caData.Length > 0 ? "certificate-authority-data: " + caData : "insecure-skip-tls-verify: true")}
        contexts:
        - name: prod-token
          context:
            cluster: gke_acme-prod_europe-west1_prod-eu
            user: token-user
        - name: gke_acme-prod_europe-west1_prod-eu
          context:
            cluster: gke_acme-prod_europe-west1_prod-eu
            user: gke_acme-prod_europe-west1_prod-eu
            namespace: shop
        - name: cert
          context:
            cluster: gke_acme-prod_europe-west1_prod-eu
            user: cert-user
        - name: file
          context:
            cluster: gke_acme-prod_europe-west1_prod-eu
            user: file-user
        users:
        - name: token-user
          user:
            token: good-token
        - name: file-user
          user:
            tokenFile: token.txt
        - name: cert-user
          user:
            client-certificate-data: {certData}
            client-key-data: {keyData}
        - name: gke_acme-prod_europe-west1_prod-eu
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: gke-gcloud-auth-plugin
              args: ["--use_application_default_credentials"]
              env:
              - name: CLOUDSDK_CORE_PROJECT
                value: acme-prod
              installHint: Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin
              provideClusterInfo: true
              interactiveMode: IfAvailable
        """;

    private static string ExecCredential(string token, DateTimeOffset expires) =>
        $$$"""{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{"interactive":false},"status":{"expirationTimestamp":"{{{expires:yyyy-MM-ddTHH:mm:ssZ}}}","token":"{{{token}}}"}}""";

    [Fact]
    public async Task Connect_CurrentContextWithToken_ListsNodes()
    {
        var config = KubeConfig.Parse(Yaml(), _dir);
        var connection = config.Connect(null, new FakeProcessRunner((_, _) => throw new InvalidOperationException()), new TestClock(Now));
        using var client = new KubeApiClient(connection);

        Assert.Equal(("prod-token", true), (connection.Context, connection.InsecureSkipTlsVerify));
        Assert.Equal(2, (await client.ListNodesAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Connect_ExecPlugin_TokenCachedUntilExpiryThenRenewed()
    {
        var clock = new TestClock(Now);
        var runner = new FakeProcessRunner((_, call) => new ProcessResult(0, ExecCredential("good-token", Now.AddHours(call)), ""));
        var connection = KubeConfig.Parse(Yaml(), _dir).Connect("gke_acme-prod_europe-west1_prod-eu", runner, clock);
        using var client = new KubeApiClient(connection);

        await client.ListNodesAsync(CancellationToken.None);
        await client.ListJobsAsync(CancellationToken.None);
        Assert.Single(runner.Calls);
        var call = runner.Calls[0];
        Assert.Equal(("gke-gcloud-auth-plugin", "--use_application_default_credentials", "acme-prod"),
            (call.Command, Assert.Single(call.Arguments), call.Environment["CLOUDSDK_CORE_PROJECT"]));
        Assert.Contains("\"apiVersion\":\"client.authentication.k8s.io/v1beta1\"", call.Environment["KUBERNETES_EXEC_INFO"]);

        clock.Now = Now.AddMinutes(59).AddSeconds(45); // within the 30 s margin of expiry
        await client.ListNodesAsync(CancellationToken.None);
        Assert.Equal(2, runner.Calls.Count);
    }

    [Fact]
    public async Task Connect_ExecPluginScript_RealProcessWithArgsAndEnv()
    {
        if (OperatingSystem.IsWindows()) return; // the fake plugin is a POSIX shell script
        // A stand-in for gke-gcloud-auth-plugin: prints an ExecCredential whose token is built from its
        // argument and the env the kubeconfig gives it, so the test sees both arrive.
        var script = Path.Combine(_dir, "gke-gcloud-auth-plugin");
        await File.WriteAllTextAsync(script,
            "#!/bin/sh\n" +
            "case \"$KUBERNETES_EXEC_INFO\" in *ExecCredential*) ;; *) echo 'no exec info' >&2; exit 3;; esac\n" +
            "printf '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"status\":{\"token\":\"%s-%s\"}}' \"$1\" \"$CLOUDSDK_CORE_PROJECT\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _server.Token = "--use_application_default_credentials-acme-prod";
        var yaml = Yaml().Replace("command: gke-gcloud-auth-plugin", $"command: {script}", StringComparison.Ordinal);

        var connection = KubeConfig.Parse(yaml, _dir).Connect("gke_acme-prod_europe-west1_prod-eu", new SystemProcessRunner(), new TestClock(Now));
        using var client = new KubeApiClient(connection);

        Assert.Equal(2, (await client.ListNodesAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Connect_ExecTokenRefused_RunsThePluginAgainOnce()
    {
        var runner = new FakeProcessRunner((_, call) =>
            new ProcessResult(0, ExecCredential(call == 1 ? "revoked-token" : "good-token", Now.AddHours(1)), ""));
        var connection = KubeConfig.Parse(Yaml(), _dir).Connect("gke_acme-prod_europe-west1_prod-eu", runner, new TestClock(Now));
        using var client = new KubeApiClient(connection);

        Assert.Equal(5, (await client.ListPodsAsync(CancellationToken.None)).Count);
        Assert.Equal(2, runner.Calls.Count);
    }

    [Fact]
    public async Task Connect_ExecPluginFails_OneLineWithInstallHint()
    {
        var runner = new FakeProcessRunner((_, _) => new ProcessResult(1, "", "ERROR: gcloud crashed\nmore detail"));
        var connection = KubeConfig.Parse(Yaml(), _dir).Connect("gke_acme-prod_europe-west1_prod-eu", runner, new TestClock(Now));
        using var client = new KubeApiClient(connection);

        var ex = await Assert.ThrowsAsync<KubernetesException>(() => client.ListNodesAsync(CancellationToken.None));
        Assert.StartsWith("Context 'gke_acme-prod_europe-west1_prod-eu': credential plugin 'gke-gcloud-auth-plugin' exited with 1: ERROR: gcloud crashed (Install", ex.Message);
    }

    [Fact]
    public async Task Connect_TokenFile_ReReadAfterRotation()
    {
        var tokenPath = Path.Combine(_dir, "token.txt");
        await File.WriteAllTextAsync(tokenPath, "good-token\n");
        var clock = new TestClock(Now);
        var connection = KubeConfig.Parse(Yaml(), _dir).Connect("file", new SystemProcessRunner(), clock);
        using var client = new KubeApiClient(connection);
        await client.ListNodesAsync(CancellationToken.None);

        _server.Token = "rotated-token";
        await File.WriteAllTextAsync(tokenPath, "rotated-token");
        clock.Now = Now.AddMinutes(2);
        Assert.Equal(2, (await client.ListNodesAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public void Connect_ClientCertificateAndCaData_CertificateWithPrivateKey()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=costs, O=system:masters", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));
        string B64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        var yaml = Yaml(caData: B64(cert.ExportCertificatePem()), certData: B64(cert.ExportCertificatePem()),
            keyData: B64(key.ExportPkcs8PrivateKeyPem()));

        var connection = KubeConfig.Parse(yaml, _dir).Connect("cert", new SystemProcessRunner(), new TestClock(Now));

        Assert.True(connection.ClientCertificate!.HasPrivateKey);
        Assert.Equal("CN=costs, O=system:masters", connection.ClientCertificate.Subject);
        Assert.Single(connection.CertificateAuthority!);
        Assert.False(connection.InsecureSkipTlsVerify);
        Assert.Null(connection.Token);
    }

    [Theory]
    [InlineData("missing", "Context 'missing' is not in the kubeconfig (it has: prod-token, gke_acme-prod_europe-west1_prod-eu, cert, file).")]
    public void Connect_UnknownContext_ListsTheKnownOnes(string context, string message)
    {
        var ex = Assert.Throws<KubernetesException>(() =>
            KubeConfig.Parse(Yaml(), _dir).Connect(context, new SystemProcessRunner(), new TestClock(Now)));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void InCluster_ServiceAccountFiles_HttpsServerAndRotatingToken()
    {
        File.WriteAllText(Path.Combine(_dir, "token"), "sa-token");
        var variables = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };
        var connection = InCluster.Connect("prod-eu", variables.GetValueOrDefault, new TestClock(Now), _dir);

        Assert.Equal(new Uri("https://10.0.0.1:443"), connection.Server);
        Assert.IsType<FileToken>(connection.Token);
    }

    [Fact]
    public void InCluster_NotInAPod_ClearError()
    {
        var ex = Assert.Throws<KubernetesException>(() => InCluster.Connect("prod-eu", _ => null, new TestClock(Now), _dir));
        Assert.Contains("KUBERNETES_SERVICE_HOST", ex.Message);
    }
}
