using System.Security.Cryptography.X509Certificates;
using Costs.CostIngest.Kubernetes;

namespace Costs.CostIngest.Tests.Kubernetes;

/// <summary>
/// Reaching clusters as configured: kubeconfig files (one, or several merged from KUBECONFIG), server URLs
/// with a path, client certificates, token files, and the in-cluster service account; against the loopback
/// fake API server. Kubeconfig shapes: kubernetes.io/docs/reference/config-api/kubeconfig.v1.
/// </summary>
public sealed class ClusterConnectorTests : IAsyncLifetime, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("costs-connector-").FullName;
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        KubeFixtures.Populate(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ClusterConnector Connector(string? kubeconfigOption = null, string serviceAccount = "") =>
        new(new KubernetesOptions { Kubeconfig = kubeconfigOption }, _variables.GetValueOrDefault, _dir, TimeProvider.System)
        {
            RetryDelay = TimeSpan.Zero,
            ServiceAccountPath = serviceAccount,
        };

    private static ClusterOptions Cluster(string? context, string name = "prod-eu") => new() { Name = name, Context = context };

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A whole kubeconfig: one cluster, one user, one context of the same name.</summary>
    private static string Kubeconfig(string name, Uri server, string user, string cluster = "", string? currentContext = null) => $"""
        apiVersion: v1
        kind: Config
        {(currentContext is null ? "" : "current-context: " + currentContext)}
        clusters:
        - name: {name}
          cluster:
            server: {server}
        {Indent(cluster, 4)}
        contexts:
        - name: {name}
          context:
            cluster: {name}
            user: {name}
        users:
        - name: {name}
          user:
        {Indent(user, 4)}
        """;

    private static string Indent(string yaml, int spaces) =>
        string.Join("\n", yaml.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => new string(' ', spaces) + l.TrimEnd()));

    [Fact]
    public async Task Connect_HomeKubeconfigCurrentContext_ListsNodes()
    {
        _variables["HOME"] = _dir;
        Write(".kube/config", Kubeconfig("prod", _server.BaseAddress, "token: good-token", currentContext: "prod"));

        Assert.Equal(2, await KubeFixtures.NodeCountAsync(Connector().Connect(Cluster(context: null))));
    }

    [Fact]
    public async Task Connect_KubeconfigListContextInFirstFileClusterAndUserInSecond_Merged()
    {
        // File 1 (a team's) names the context; file 2 (a shared one, in another folder) holds the cluster and
        // a user whose token file is relative to file 2's folder, as kubectl resolves it.
        var first = Write("team/config", """
            apiVersion: v1
            kind: Config
            current-context: prod
            contexts:
            - name: prod
              context: { cluster: shared-prod, user: shared-sa }
            """);
        Write("shared/sa-token", "good-token\n");
        var second = Write("shared/config", $"""
            apiVersion: v1
            kind: Config
            current-context: elsewhere
            clusters:
            - name: shared-prod
              cluster: {"{"} server: "{_server.BaseAddress}" {"}"}
            users:
            - name: shared-sa
              user: {"{"} tokenFile: sa-token {"}"}
            """);
        _variables["KUBECONFIG"] = $"{first}{Path.PathSeparator}{Path.Combine(_dir, "missing")}{Path.PathSeparator}{second}";

        var connector = Connector();
        Assert.Equal([first, Path.Combine(_dir, "missing"), second], connector.KubeconfigPaths());
        Assert.Equal(2, await KubeFixtures.NodeCountAsync(connector.Connect(Cluster(context: null))));
    }

    [Fact]
    public async Task Connect_TwoContextsFromTwoFiles_EachReachesItsClusterAndTheFirstDefinitionWins()
    {
        await using var staging = await FakeKubeApiServer.StartAsync();
        KubeFixtures.Populate(staging);
        staging.Token = "staging-token";
        var prod = Write("prod.yaml", Kubeconfig("prod", _server.BaseAddress, "token: good-token"));
        // The second file also defines a user "prod", with a token the server refuses: the first file's "prod" wins.
        var stagingFile = Write("staging.yaml", Kubeconfig("staging", staging.BaseAddress, "token: staging-token") + "\n" + """
            - name: prod
              user: { token: wrong-token }
            """);
        var connector = Connector(kubeconfigOption: $"prod.yaml{Path.PathSeparator}staging.yaml");

        Assert.Equal([prod, stagingFile], connector.KubeconfigPaths());
        Assert.Equal(2, await KubeFixtures.NodeCountAsync(connector.Connect(Cluster("prod"))));
        Assert.Equal(2, await KubeFixtures.NodeCountAsync(connector.Connect(Cluster("staging", "staging-eu"))));
        Assert.Single(staging.Requests);
    }

    [Theory]
    [InlineData("/k8s/clusters/c-abc12")] // Rancher's cluster proxy
    [InlineData("/v1/projects/123456789/locations/global/gkeMemberships/prod-eu")] // GKE Connect gateway
    public async Task Connect_HttpsServerBehindAPath_EveryRequestUnderThePath(string prefix)
    {
        using var ca = TestCertificates.CreateCa("cluster-ca");
        await using var proxied = await FakeKubeApiServer.StartAsync(TestCertificates.IssueServer(ca), prefix);
        KubeFixtures.Populate(proxied);
        Assert.Equal(prefix + "/", proxied.BaseAddress.AbsolutePath);
        Write("config", Kubeconfig("rancher", proxied.BaseAddress, "token: good-token",
            cluster: "certificate-authority-data: " + TestCertificates.Base64(ca.ExportCertificatePem())));

        var api = Connector(kubeconfigOption: "config").Connect(Cluster("rancher"));
        using (api as IDisposable)
        {
            Assert.Equal(5, (await api.ListPodsAsync(CancellationToken.None)).Count);
            Assert.NotNull(await api.ListPodMetricsAsync(CancellationToken.None));
        }
        Assert.All(proxied.Requests, r => Assert.StartsWith(prefix + "/api", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_ClientCertificateFilesRelativeToKubeconfig_PresentedToServer()
    {
        using var ca = TestCertificates.CreateCa("cluster-ca");
        await using var server = await FakeKubeApiServer.StartAsync(TestCertificates.IssueServer(ca), askClientCertificate: true);
        KubeFixtures.Populate(server);
        server.Token = null; // x509 user: no bearer token
        var (cert, key) = TestCertificates.IssueClient(ca, "CN=admin, O=system:masters");
        Write("kube/pki/admin.crt", cert);
        Write("kube/pki/admin.key", key);
        Write("kube/pki/ca.crt", ca.ExportCertificatePem());
        Write("kube/config", Kubeconfig("kubeadm", server.BaseAddress, "client-certificate: pki/admin.crt\nclient-key: pki/admin.key",
            cluster: "certificate-authority: pki/ca.crt"));

        Assert.Equal(2, await KubeFixtures.NodeCountAsync(Connector(kubeconfigOption: "kube/config").Connect(Cluster("kubeadm"))));
        Assert.Equal("CN=admin, O=system:masters", Assert.Single(server.ClientCertificates.Distinct()));
    }

    [Fact]
    public async Task ListNodesAsync_TokenFileGone_OneLineClusterFailure()
    {
        var path = Write("config", Kubeconfig("prod", _server.BaseAddress, "tokenFile: token"));
        using var api = (KubeApiClient)Connector(kubeconfigOption: path).Connect(Cluster("prod"));

        var ex = await Assert.ThrowsAsync<KubernetesException>(() => api.ListNodesAsync(CancellationToken.None));

        Assert.StartsWith("Cluster 'prod-eu' (context 'prod'): cannot read its token while listing nodes: ", ex.Message);
        Assert.Contains(Path.Combine(_dir, "token"), ex.Message);
    }

    [Fact]
    public void Connect_UnknownContext_ConfigurationErrorListsTheKnownOnes()
    {
        var path = Write("config", Kubeconfig("prod", _server.BaseAddress, "token: good-token"));
        var ex = Assert.Throws<KubernetesConfigurationException>(() => Connector(kubeconfigOption: path).Connect(Cluster("missing")));
        Assert.Equal($"Context 'missing' is not in the kubeconfig {path} (it has: prod).", ex.Message);
    }

    [Theory]
    [InlineData(null, "None of the kubeconfig files exists: ")]
    [InlineData("clusters: [ {", "is not a kubeconfig (line 2): While parsing a node, did not find expected node content.")]
    [InlineData("users: []\ncontexts:\n- name: prod\n  context: { cluster: gone }", "Context 'prod': cluster 'gone' is not in the kubeconfig.")]
    [InlineData("clusters:\n- name: prod\n  cluster: { server: 'not a url' }\ncontexts:\n- name: prod\n  context: { cluster: prod }",
        "Cluster 'prod-eu' (context 'prod'): Bad server host URL `not a url`")]
    [InlineData("clusters:\n- name: prod\n  cluster: { server: 'https://127.0.0.1:9' }\ncontexts:\n- name: prod\n  context: { cluster: prod, user: x509 }\n" +
        "users:\n- name: x509\n  user: { client-certificate-data: bm90IGEgY2VydA==, client-key-data: bm90IGEga2V5 }",
        "Cluster 'prod-eu' (context 'prod'): The certificate contents do not contain a PEM")]
    public void Connect_BrokenKubeconfig_ConfigurationError(string? yaml, string expected)
    {
        if (yaml is not null) Write("config", yaml);
        _variables["KUBECONFIG"] = yaml is null ? $"a{Path.PathSeparator}b" : "config";

        var ex = Assert.Throws<KubernetesConfigurationException>(() => Connector().Connect(Cluster("prod")));
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task Connect_InCluster_ServiceAccountTokenOverHttpsWithItsCa()
    {
        using var ca = TestCertificates.CreateCa("cluster-ca");
        await using var server = await FakeKubeApiServer.StartAsync(TestCertificates.IssueServer(ca));
        KubeFixtures.Populate(server);
        server.Token = "sa-token";
        Write("serviceaccount/token", "sa-token");
        Write("serviceaccount/ca.crt", ca.ExportCertificatePem());
        _variables["KUBERNETES_SERVICE_HOST"] = "127.0.0.1";
        _variables["KUBERNETES_SERVICE_PORT"] = server.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var api = Connector(serviceAccount: Path.Combine(_dir, "serviceaccount")).Connect(new ClusterOptions { Name = "self", InCluster = true });

        Assert.Equal(2, await KubeFixtures.NodeCountAsync(api));
    }

    [Fact]
    public void Connect_InClusterOutsideAPod_ConfigurationError()
    {
        var ex = Assert.Throws<KubernetesConfigurationException>(() =>
            Connector(serviceAccount: _dir).Connect(new ClusterOptions { Name = "self", InCluster = true }));
        Assert.Contains("KUBERNETES_SERVICE_HOST", ex.Message);
    }

    [Fact]
    public void KubeconfigPaths_OptionThenKubeconfigVariableThenHome()
    {
        _variables["HOME"] = "/home/me";
        Assert.Equal(["/home/me/.kube/config"], Connector().KubeconfigPaths());
        _variables["KUBECONFIG"] = $"one{Path.PathSeparator}{Path.PathSeparator}/etc/two";
        Assert.Equal([Path.Combine(_dir, "one"), "/etc/two"], Connector().KubeconfigPaths());
        Assert.Equal([Path.Combine(_dir, "mine")], Connector(kubeconfigOption: "mine").KubeconfigPaths());
    }
}
