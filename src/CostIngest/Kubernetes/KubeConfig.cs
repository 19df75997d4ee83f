using System.Text;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// A kubeconfig file (clusters, users, contexts). <see cref="Connect"/> turns a context into a
/// <see cref="KubeConnection"/>: server, certificate-authority(-data), insecure-skip-tls-verify,
/// tls-server-name; user token / tokenFile, client-certificate(-data) + client-key(-data), or exec plugin.
/// Relative file paths are relative to the kubeconfig's folder, as kubectl has them.
/// </summary>
public sealed class KubeConfig
{
    private readonly KubeConfigFile _file;
    private readonly string _directory;

    private KubeConfig(KubeConfigFile file, string directory)
    {
        _file = file;
        _directory = directory;
    }

    public string? CurrentContext => _file.CurrentContext;
    public IReadOnlyList<string> Contexts => _file.Contexts.Select(c => c.Name ?? "").ToList();

    public static KubeConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new KubernetesException($"Cannot read kubeconfig {path}: {ex.Message}", inner: ex);
        }
        return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", path);
    }

    public static KubeConfig Parse(string yaml, string directory, string source = "kubeconfig")
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        try
        {
            return new KubeConfig(deserializer.Deserialize<KubeConfigFile?>(yaml) ?? new KubeConfigFile(), directory);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new KubernetesException($"{source}: not a kubeconfig ({ex.Start}): {ex.Message}", inner: ex);
        }
    }

    /// <summary>The connection of context <paramref name="context"/> (null: current-context).</summary>
    public KubeConnection Connect(string? context, IProcessRunner runner, TimeProvider clock)
    {
        var name = context ?? CurrentContext
            ?? throw new KubernetesException("The kubeconfig has no current-context: name one (Context).");
        var ctx = _file.Contexts.FirstOrDefault(c => c.Name == name)?.Context
            ?? throw new KubernetesException($"Context '{name}' is not in the kubeconfig (it has: {string.Join(", ", Contexts)}).");
        var cluster = _file.Clusters.FirstOrDefault(c => c.Name == ctx.Cluster)?.Cluster
            ?? throw new KubernetesException($"Context '{name}': cluster '{ctx.Cluster}' is not in the kubeconfig.");
        var user = ctx.User is null ? new KubeUser() : _file.Users.FirstOrDefault(u => u.Name == ctx.User)?.User
            ?? throw new KubernetesException($"Context '{name}': user '{ctx.User}' is not in the kubeconfig.");
        if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server))
            throw new KubernetesException($"Context '{name}': server '{cluster.Server}' is not a URL.");

        var caPem = Data(cluster.CertificateAuthorityData, cluster.CertificateAuthority, name, "certificate-authority");
        var certPem = Data(user.ClientCertificateData, user.ClientCertificate, name, "client-certificate");
        var keyPem = Data(user.ClientKeyData, user.ClientKey, name, "client-key");
        if ((certPem is null) != (keyPem is null))
            throw new KubernetesException($"Context '{name}': client-certificate and client-key must come together.");

        IBearerTokenSource? token = null;
        if (!string.IsNullOrEmpty(user.Token)) token = new StaticToken(user.Token);
        else if (!string.IsNullOrEmpty(user.TokenFile)) token = new FileToken(FullPath(user.TokenFile), clock, TimeSpan.FromMinutes(1));
        else if (user.Exec is { } exec)
        {
            if (string.IsNullOrEmpty(exec.Command)) throw new KubernetesException($"Context '{name}': exec has no command.");
            var apiVersion = exec.ApiVersion ?? "client.authentication.k8s.io/v1";
            if (apiVersion is not ("client.authentication.k8s.io/v1" or "client.authentication.k8s.io/v1beta1"))
                throw new KubernetesException($"Context '{name}': exec apiVersion '{apiVersion}' is not supported (v1 or v1beta1).");
            token = new ExecToken(new ExecConfig(apiVersion, exec.Command, exec.Args ?? [],
                (exec.Env ?? []).Where(e => e.Name is not null).ToDictionary(e => e.Name!, e => e.Value ?? "", StringComparer.Ordinal),
                exec.InstallHint), runner, clock, name);
        }

        try
        {
            return new KubeConnection
            {
                Name = name,
                Context = name,
                Server = server,
                CertificateAuthority = caPem is null ? null : KubeConnection.CertificatesFromPem(caPem),
                InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
                TlsServerName = cluster.TlsServerName,
                ClientCertificate = certPem is null ? null : KubeConnection.ClientCertificateFromPem(certPem, keyPem!),
                Token = token,
            };
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new KubernetesException($"Context '{name}': a certificate or key is not valid PEM: {ex.Message}", inner: ex);
        }
    }

    private string? Data(string? base64, string? file, string context, string field)
    {
        if (!string.IsNullOrEmpty(base64))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException ex)
            {
                throw new KubernetesException($"Context '{context}': {field}-data is not base64.", inner: ex);
            }
        }
        if (string.IsNullOrEmpty(file)) return null;
        try
        {
            return File.ReadAllText(FullPath(file));
        }
        catch (IOException ex)
        {
            throw new KubernetesException($"Context '{context}': cannot read {field} {file}: {ex.Message}", inner: ex);
        }
    }

    private string FullPath(string path) => Path.GetFullPath(path, _directory);

    // YAML shape of a kubeconfig (clientcmd v1 Config). Hyphenated keys are aliased.
    private sealed class KubeConfigFile
    {
        [YamlMember(Alias = "current-context", ApplyNamingConventions = false)] public string? CurrentContext { get; set; }
        public List<NamedCluster> Clusters { get; set; } = [];
        public List<NamedUser> Users { get; set; } = [];
        public List<NamedContext> Contexts { get; set; } = [];
    }

    private sealed class NamedCluster
    {
        public string? Name { get; set; }
        public KubeCluster? Cluster { get; set; }
    }

    private sealed class KubeCluster
    {
        public string? Server { get; set; }
        [YamlMember(Alias = "certificate-authority", ApplyNamingConventions = false)] public string? CertificateAuthority { get; set; }
        [YamlMember(Alias = "certificate-authority-data", ApplyNamingConventions = false)] public string? CertificateAuthorityData { get; set; }
        [YamlMember(Alias = "insecure-skip-tls-verify", ApplyNamingConventions = false)] public bool InsecureSkipTlsVerify { get; set; }
        [YamlMember(Alias = "tls-server-name", ApplyNamingConventions = false)] public string? TlsServerName { get; set; }
    }

    private sealed class NamedUser
    {
        public string? Name { get; set; }
        public KubeUser? User { get; set; }
    }

    private sealed class KubeUser
    {
        public string? Token { get; set; }
        public string? TokenFile { get; set; }
        [YamlMember(Alias = "client-certificate", ApplyNamingConventions = false)] public string? ClientCertificate { get; set; }
        [YamlMember(Alias = "client-certificate-data", ApplyNamingConventions = false)] public string? ClientCertificateData { get; set; }
        [YamlMember(Alias = "client-key", ApplyNamingConventions = false)] public string? ClientKey { get; set; }
        [YamlMember(Alias = "client-key-data", ApplyNamingConventions = false)] public string? ClientKeyData { get; set; }
        public KubeExec? Exec { get; set; }
    }

    private sealed class KubeExec
    {
        public string? ApiVersion { get; set; }
        public string? Command { get; set; }
        public List<string>? Args { get; set; }
        public List<KubeEnv>? Env { get; set; }
        public string? InstallHint { get; set; }
    }

    private sealed class KubeEnv
    {
        public string? Name { get; set; }
        public string? Value { get; set; }
    }

    private sealed class NamedContext
    {
        public string? Name { get; set; }
        public KubeContext? Context { get; set; }
    }

    private sealed class KubeContext
    {
        public string? Cluster { get; set; }
        public string? User { get; set; }
        public string? Namespace { get; set; }
    }
}
