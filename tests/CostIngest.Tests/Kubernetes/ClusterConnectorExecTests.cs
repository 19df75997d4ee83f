using System.Text.Json.Nodes;
using Costs.CostIngest.Kubernetes;

namespace Costs.CostIngest.Tests.Kubernetes;

/// <summary>
/// Exec credential plugins (kubeconfig <c>user.exec</c>), run for real as shell scripts that stand in for
/// gke-gcloud-auth-plugin and friends. Shapes: kubernetes.io/docs/reference/config-api/client-authentication.v1
/// and v1beta1 (ExecCredential: <c>status.token</c>, or <c>status.clientCertificateData</c> + <c>clientKeyData</c>).
/// </summary>
public sealed class ClusterConnectorExecTests : IAsyncLifetime, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("costs-exec-").FullName;
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        KubeFixtures.Populate(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private IKubernetesApi Connect(string kubeconfig, string context = "gke_acme-prod_europe-west1_prod-eu")
    {
        File.WriteAllText(Path.Combine(_dir, "config"), kubeconfig);
        return new ClusterConnector(new KubernetesOptions { Kubeconfig = "config" }, _ => null, _dir, TimeProvider.System) { RetryDelay = TimeSpan.Zero }
            .Connect(new ClusterOptions { Name = "prod-eu", Context = context });
    }

    /// <summary>As `gcloud container clusters get-credentials` writes it, with the plugin's command and args given.</summary>
    private static string Kubeconfig(Uri server, string apiVersion, string command, string args, string extra = "") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: gke_acme-prod_europe-west1_prod-eu
          cluster:
            server: {server}
        {extra}
        contexts:
        - name: gke_acme-prod_europe-west1_prod-eu
          context:
            cluster: gke_acme-prod_europe-west1_prod-eu
            user: gke_acme-prod_europe-west1_prod-eu
        users:
        - name: gke_acme-prod_europe-west1_prod-eu
          user:
            exec:
              apiVersion: {apiVersion}
              command: {command}
              args: [{args}]
              env:
              - name: CLOUDSDK_CORE_PROJECT
                value: acme-prod
              installHint: Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin
              provideClusterInfo: true
              interactiveMode: IfAvailable
        """;

    /// <summary>A POSIX shell script; run as `/bin/sh script`, so that no freshly written file is exec'd directly.</summary>
    private string Script(string name, string body)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        return path;
    }

    [Fact]
    public async Task Connect_ExecPluginV1Beta1_TokenBuiltFromItsArgsAndEnv()
    {
        // The token is its argument and the env the kubeconfig gives it, so the server sees both arrive; it
        // refuses to answer without KUBERNETES_EXEC_INFO.
        var plugin = Script("gke-gcloud-auth-plugin",
            "case \"$KUBERNETES_EXEC_INFO\" in *client.authentication.k8s.io/v1beta1*) ;; *) echo 'no exec info' >&2; exit 3;; esac\n" +
            "printf '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"status\":{\"token\":\"%s-%s\",\"expirationTimestamp\":\"2099-01-01T00:00:00Z\"}}' \"$1\" \"$CLOUDSDK_CORE_PROJECT\"\n");
        _server.Token = "--use_application_default_credentials-acme-prod";

        var api = Connect(Kubeconfig(_server.BaseAddress, "client.authentication.k8s.io/v1beta1", "/bin/sh", $"{plugin}, --use_application_default_credentials"));

        Assert.Equal(2, await KubeFixtures.NodeCountAsync(api));
    }

    [Fact]
    public async Task Connect_ExecPluginRelativeCommand_RunFromTheKubeconfigFolder()
    {
        if (OperatingSystem.IsWindows()) return; // the plugin is a POSIX shell script run by its shebang
        var plugin = Script("auth-plugin", "printf '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"good-token\"}}'\n");
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // ./auth-plugin is relative to the kubeconfig's folder (_dir), not to the process's working directory.
        var api = Connect(Kubeconfig(_server.BaseAddress, "client.authentication.k8s.io/v1", "./auth-plugin", ""));

        Assert.NotEqual(_dir, Directory.GetCurrentDirectory());
        Assert.Equal(2, await KubeFixtures.NodeCountAsync(api));
    }

    [Fact]
    public async Task Connect_ExecPluginV1ClientCertificate_PresentedToServer()
    {
        using var ca = TestCertificates.CreateCa("cluster-ca");
        await using var server = await FakeKubeApiServer.StartAsync(TestCertificates.IssueServer(ca), askClientCertificate: true);
        KubeFixtures.Populate(server);
        server.Token = null;
        var (cert, key) = TestCertificates.IssueClient(ca, "CN=exec-user, O=costs");
        var credential = new JsonObject
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1", ["kind"] = "ExecCredential",
            ["status"] = new JsonObject { ["clientCertificateData"] = cert, ["clientKeyData"] = key },
        };
        File.WriteAllText(Path.Combine(_dir, "credential.json"), credential.ToJsonString());
        var plugin = Script("cert-plugin", $"cat {Path.Combine(_dir, "credential.json")}\n");

        var api = Connect(Kubeconfig(server.BaseAddress, "client.authentication.k8s.io/v1", "/bin/sh", plugin,
            extra: "    certificate-authority-data: " + TestCertificates.Base64(ca.ExportCertificatePem())));

        Assert.Equal(2, await KubeFixtures.NodeCountAsync(api));
        Assert.Equal("CN=exec-user, O=costs", Assert.Single(server.ClientCertificates.Distinct()));
    }

    [Theory]
    [InlineData("echo 'ERROR: gcloud crashed' >&2; exit 1")]
    [InlineData("printf '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{}}'")]
    public void Connect_ExecPluginFails_OneLineClusterFailureWithInstallHint(string body)
    {
        var plugin = Script("failing-plugin", body + "\n");

        var ex = Assert.Throws<KubernetesException>(() =>
            Connect(Kubeconfig(_server.BaseAddress, "client.authentication.k8s.io/v1", "/bin/sh", plugin)));

        Assert.StartsWith("Cluster 'prod-eu' (context 'gke_acme-prod_europe-west1_prod-eu'): credential plugin '/bin/sh' failed: external exec failed", ex.Message);
        Assert.EndsWith("(Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin)", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task ListNodesAsync_PluginFailsWhenAskedForTheRequestToken_OneLineClusterFailure()
    {
        // KubernetesClient 21.0.8 runs the plugin while it builds the configuration, and again for the first
        // request's token: this plugin answers the first time only.
        var marker = Path.Combine(_dir, "ran-once");
        var plugin = Script("once-plugin",
            $"if [ -e {marker} ]; then echo 'ERROR: token expired, run gcloud auth login' >&2; exit 1; fi\ntouch {marker}\n" +
            "printf '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"good-token\"}}'\n");
        using var api = (KubeApiClient)Connect(Kubeconfig(_server.BaseAddress, "client.authentication.k8s.io/v1", "/bin/sh", plugin));

        var ex = await Assert.ThrowsAsync<KubernetesException>(() => api.ListNodesAsync(CancellationToken.None));

        Assert.StartsWith("Cluster 'prod-eu' (context 'gke_acme-prod_europe-west1_prod-eu'): the credential plugin failed while listing nodes: external exec failed", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Empty(_server.Requests);
    }
}
