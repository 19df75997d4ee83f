using k8s;
using k8s.KubeConfigModels;

namespace Costs.CostIngest.Kubernetes;

/// <summary>The kubeconfig files, merged: the clusters, users and contexts that every context is looked up in.</summary>
/// <param name="TokenFiles">User name → absolute <c>tokenFile</c> path, for users that have one and no <c>token</c>.</param>
internal sealed record MergedKubeconfig(K8SConfiguration Config, IReadOnlyList<string> Files, IReadOnlyDictionary<string, string> TokenFiles);

/// <summary>
/// Reads and merges kubeconfig files as kubectl does with <c>KUBECONFIG=a:b:c</c>: the first file that sets
/// current-context wins, and the first file that defines a cluster, user or context name wins. Files that do
/// not exist are skipped. A relative path inside a file (certificate-authority, client-certificate,
/// client-key, tokenFile, and an exec command that contains a '/') is relative to that file's folder.
/// KubernetesClient parses each file; its own merge is internal and resolves every relative path against
/// the first file's folder, so the merge is done here.
/// </summary>
internal static class KubeconfigFiles
{
    public static MergedKubeconfig Load(IReadOnlyList<string> paths)
    {
        var existing = paths.Where(File.Exists).ToList();
        if (existing.Count == 0)
            throw new KubernetesConfigurationException(paths.Count == 1
                ? $"The kubeconfig file {paths[0]} does not exist."
                : $"None of the kubeconfig files exists: {string.Join(", ", paths)}.");
        var merged = new K8SConfiguration { ApiVersion = "v1", Kind = "Config", Clusters = [], Users = [], Contexts = [] };
        var tokenFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in existing)
        {
            var (file, tokenFileUsers) = Read(path);
            var directory = Path.GetDirectoryName(path) ?? ".";
            merged.CurrentContext ??= file.CurrentContext is { Length: > 0 } current ? current : null;
            merged.Clusters = Merge(merged.Clusters, file.Clusters, c => c.Name, c => Resolve(c, directory));
            merged.Contexts = Merge(merged.Contexts, file.Contexts, c => c.Name, _ => { });
            var before = merged.Users.Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
            merged.Users = Merge(merged.Users, file.Users, u => u.Name, u => Resolve(u, directory));
            foreach (var user in tokenFileUsers.Where(u => !before.Contains(u.Name)))
                tokenFiles[user.Name] = Path.GetFullPath(user.TokenFile, directory);
        }
        return new MergedKubeconfig(merged, existing, tokenFiles);
    }

    private static (K8SConfiguration File, List<(string Name, string TokenFile)> TokenFileUsers) Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigurationException($"Cannot read the kubeconfig file {path}: {ex.Message}", ex);
        }
        try
        {
            var file = KubernetesYaml.Deserialize<K8SConfiguration?>(text)
                ?? throw new KubernetesConfigurationException($"The kubeconfig file {path} is empty.");
            file.Clusters ??= [];
            file.Users ??= [];
            file.Contexts ??= [];
            var tokenFileUsers = (KubernetesYaml.Deserialize<TokenFileView?>(text)?.Users ?? [])
                .Where(u => u.Name is { Length: > 0 } && u.User?.TokenFile is { Length: > 0 })
                .Select(u => (u.Name!, u.User!.TokenFile!))
                .Where(u => string.IsNullOrEmpty(file.Users.FirstOrDefault(f => f.Name == u.Item1)?.UserCredentials?.Token))
                .ToList();
            return (file, tokenFileUsers);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new KubernetesConfigurationException($"The kubeconfig file {path} is not a kubeconfig (line {ex.Start.Line}): {FirstLine(ex.Message)}", ex);
        }
    }

    private static List<T> Merge<T>(IEnumerable<T> first, IEnumerable<T>? then, Func<T, string?> name, Action<T> resolve)
    {
        var result = first.ToList();
        var names = result.Select(name).ToHashSet(StringComparer.Ordinal);
        foreach (var item in then ?? [])
        {
            if (name(item) is not { } n || !names.Add(n)) continue;
            resolve(item);
            result.Add(item);
        }
        return result;
    }

    private static void Resolve(Cluster cluster, string directory)
    {
        if (cluster.ClusterEndpoint is { CertificateAuthority: { Length: > 0 } ca } endpoint)
            endpoint.CertificateAuthority = Path.GetFullPath(ca, directory);
    }

    private static void Resolve(User user, string directory)
    {
        if (user.UserCredentials is not { } credentials) return;
        if (credentials.ClientCertificate is { Length: > 0 } cert) credentials.ClientCertificate = Path.GetFullPath(cert, directory);
        if (credentials.ClientKey is { Length: > 0 } key) credentials.ClientKey = Path.GetFullPath(key, directory);
        // kubectl: an exec command with a path separator is relative to the kubeconfig; a bare name is looked up in PATH.
        if (credentials.ExternalExecution is { Command: { Length: > 0 } command } exec
            && command.Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(command))
            exec.Command = Path.GetFullPath(command, directory);
    }

    internal static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length > 300 ? line[..300] : line;
    }

    // users[].user.tokenFile, which KubernetesClient's kubeconfig model does not read.
    private sealed class TokenFileView
    {
        public List<NamedTokenFileUser>? Users { get; set; }
    }

    private sealed class NamedTokenFileUser
    {
        public string? Name { get; set; }
        public TokenFileUser? User { get; set; }
    }

    private sealed class TokenFileUser
    {
        public string? TokenFile { get; set; }
    }
}
