using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using Costs.CostIngest.Google;
using Costs.CostIngest.Kubernetes.Discovery;

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// How to reach a configured cluster: through a kubeconfig context (the files in Kubernetes:Kubeconfig, else
/// in <c>KUBECONFIG</c>, else ~/.kube/config, merged), or from inside it (the pod's service account, whose
/// token is re-read every minute because it rotates). KubernetesClient does the rest: exec plugins (v1,
/// v1beta1, tokens or client certificates), client certificates, CA bundles, server URLs with a path.
/// A wrong configuration throws <see cref="KubernetesConfigurationException"/>; a credential plugin that
/// fails throws <see cref="KubernetesException"/>, as an unreachable cluster does.
/// </summary>
public sealed class ClusterConnector
{
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";
    private readonly KubernetesOptions _options;
    private readonly Func<string, string?> _variable;
    private readonly string _workingDirectory;
    private readonly TimeProvider _clock;
    private readonly Lazy<MergedKubeconfig> _kubeconfig;

    /// <param name="variable">Looks up an environment variable (KUBECONFIG, HOME, KUBERNETES_SERVICE_HOST/_PORT).</param>
    /// <param name="workingDirectory">What relative Kubernetes:Kubeconfig and KUBECONFIG paths are relative to.</param>
    public ClusterConnector(KubernetesOptions options, Func<string, string?> variable, string workingDirectory, TimeProvider clock)
    {
        _options = options;
        _variable = variable;
        _workingDirectory = workingDirectory;
        _clock = clock;
        _kubeconfig = new Lazy<MergedKubeconfig>(() => KubeconfigFiles.Load(KubeconfigPaths()));
    }

    /// <summary>Where the service-account token and CA are mounted (tests point it elsewhere).</summary>
    public string ServiceAccountPath { get; init; } = ServiceAccountDirectory;

    /// <summary>The first retry delay of each client; null: 1 s (tests use zero).</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>The kubeconfig files, in merge order: Kubernetes:Kubeconfig or KUBECONFIG (both may list several), else ~/.kube/config.</summary>
    public IReadOnlyList<string> KubeconfigPaths()
    {
        var list = _options.Kubeconfig is { Length: > 0 } configured ? configured
            : _variable("KUBECONFIG") is { Length: > 0 } fromEnv ? fromEnv
            : Path.Combine(_variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Path.GetFullPath(p, _workingDirectory)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A client for <paramref name="cluster"/>; the caller disposes it.</summary>
    public IKubernetesApi Connect(ClusterOptions cluster)
    {
        var (context, config) = cluster.InCluster ? (null, InCluster(cluster.Name)) : FromKubeconfig(cluster);
        try
        {
            return new KubeApiClient(cluster.Name, context, config, _options.PageSize, _options.RequestTimeout, RetryDelay, _clock);
        }
        catch (Exception ex) when (ex is KubeConfigException or FormatException or System.Security.Cryptography.CryptographicException or IOException)
        {
            // The client certificate is loaded here, from kubeconfig data or files.
            throw new KubernetesConfigurationException($"{KubeApiClient.Label(cluster.Name, context)}: {KubeconfigFiles.FirstLine(ex.Message)}", ex);
        }
    }

    /// <summary>
    /// A client for a cluster that discovery found: its server, its cluster CA, and a Google access token from
    /// <paramref name="tokens"/> as the bearer token (what gke-gcloud-auth-plugin does for kubectl).
    /// </summary>
    public IKubernetesApi Connect(DiscoveredCluster cluster, IAccessTokenSource tokens)
    {
        X509Certificate2Collection? ca = null;
        if (cluster.CaPem is { } pem)
        {
            ca = [];
            try
            {
                ca.ImportFromPem(pem);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new KubernetesConfigurationException($"Cluster '{cluster.Name}': its cluster CA from the GKE API does not read: {ex.Message}", ex);
            }
        }
        var config = new KubernetesClientConfiguration
        {
            Host = cluster.Server.ToString(),
            TokenProvider = new GoogleTokenAuth(cluster.Name, tokens),
            SslCaCerts = ca, // the Connect gateway's certificate chains to a public root, which is trusted as well
        };
        return new KubeApiClient(cluster.Name, null, config, _options.PageSize, _options.RequestTimeout, RetryDelay, _clock);
    }

    private (string Context, KubernetesClientConfiguration Config) FromKubeconfig(ClusterOptions cluster)
    {
        var kubeconfig = _kubeconfig.Value;
        var config = kubeconfig.Config;
        var name = cluster.Context ?? config.CurrentContext
            ?? throw new KubernetesConfigurationException($"Cluster '{cluster.Name}': no Context is set and the kubeconfig has no current-context.");
        var context = config.Contexts.FirstOrDefault(c => c.Name == name)?.ContextDetails
            ?? throw new KubernetesConfigurationException(
                $"Context '{name}' is not in the kubeconfig {string.Join(Path.PathSeparator, kubeconfig.Files)} (it has: {string.Join(", ", config.Contexts.Select(c => c.Name))}).");
        if (!config.Clusters.Any(c => c.Name == context.Cluster))
            throw new KubernetesConfigurationException($"Context '{name}': cluster '{context.Cluster}' is not in the kubeconfig.");
        if (context.User is { Length: > 0 } user && !config.Users.Any(u => u.Name == user))
            throw new KubernetesConfigurationException($"Context '{name}': user '{user}' is not in the kubeconfig.");
        var tokenFile = context.User is { } u && kubeconfig.TokenFiles.TryGetValue(u, out var file) ? file : null;
        var exec = config.Users.FirstOrDefault(x => x.Name == context.User)?.UserCredentials?.ExternalExecution;
        try
        {
            var built = KubernetesClientConfiguration.BuildConfigFromConfigObject(tokenFile is null ? config : WithoutUser(config, name), name);
            if (tokenFile is not null) built.TokenProvider = new TokenFileAuth(tokenFile);
            return (name, built);
        }
        catch (KubeConfigException ex) when (exec is not null && ex.Message.StartsWith("external exec failed", StringComparison.Ordinal))
        {
            // KubernetesClient runs the plugin while it builds the configuration (and again when the token expires).
            var hint = exec.InstallHint is { Length: > 0 } h ? $" ({KubeconfigFiles.FirstLine(h)})" : "";
            throw new KubernetesException($"{KubeApiClient.Label(cluster.Name, name)}: credential plugin '{exec.Command}' failed: {KubeconfigFiles.FirstLine(ex.Message)}{hint}", inner: ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything else KubernetesClient refuses while it reads a context (bad server URL, CA file or data,
            // a retired auth-provider) is the kubeconfig's fault.
            throw new KubernetesConfigurationException($"{KubeApiClient.Label(cluster.Name, name)}: {KubeconfigFiles.FirstLine(ex.Message)}", ex);
        }
    }

    /// <summary>The kubeconfig with context <paramref name="name"/> stripped of its user, whose tokenFile KubernetesClient does not read.</summary>
    private static K8SConfiguration WithoutUser(K8SConfiguration config, string name) => new()
    {
        ApiVersion = config.ApiVersion, Kind = config.Kind, CurrentContext = name, Clusters = config.Clusters, Users = config.Users,
        Contexts = config.Contexts.Select(c => c.Name != name ? c : new Context
        {
            Name = c.Name,
            ContextDetails = new ContextDetails { Cluster = c.ContextDetails.Cluster, Namespace = c.ContextDetails.Namespace },
        }).ToList(),
    };

    private KubernetesClientConfiguration InCluster(string cluster)
    {
        var host = _variable("KUBERNETES_SERVICE_HOST");
        var port = _variable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || !int.TryParse(port, out var portNumber))
            throw new KubernetesConfigurationException(
                $"Cluster '{cluster}': InCluster is set but KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT are not: is costs running in a pod?");
        var tokenPath = Path.Combine(ServiceAccountPath, "token");
        if (!File.Exists(tokenPath))
            throw new KubernetesConfigurationException($"Cluster '{cluster}': no service-account token at {tokenPath} (automountServiceAccountToken off?).");
        var caPath = Path.Combine(ServiceAccountPath, "ca.crt");
        X509Certificate2Collection? ca = null;
        if (File.Exists(caPath))
        {
            ca = [];
            ca.ImportFromPem(File.ReadAllText(caPath));
        }
        return new KubernetesClientConfiguration
        {
            Host = new UriBuilder(Uri.UriSchemeHttps, host, portNumber).Uri.ToString(),
            TokenProvider = new TokenFileAuth(tokenPath), // re-read every minute: projected tokens rotate
            SslCaCerts = ca,
        };
    }
}
