using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// How to reach one cluster's API server: its URL, how to trust it, and how to authenticate. Built from a
/// kubeconfig context (<see cref="KubeConfig"/>) or from the in-cluster service account (<see cref="InCluster"/>).
/// </summary>
public sealed class KubeConnection
{
    public required string Name { get; init; }
    /// <summary>The kubeconfig context it came from, for messages; null in-cluster.</summary>
    public string? Context { get; init; }
    public required Uri Server { get; init; }
    public X509Certificate2Collection? CertificateAuthority { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public string? TlsServerName { get; init; }
    public X509Certificate2? ClientCertificate { get; init; }
    public IBearerTokenSource? Token { get; init; }

    /// <summary>An HTTP handler that trusts the cluster's CA (or nothing, when told to skip) and presents the client certificate.</summary>
    public HttpMessageHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (Server.Scheme != Uri.UriSchemeHttps) return handler;
        var ssl = new SslClientAuthenticationOptions { TargetHost = TlsServerName ?? Server.Host };
        if (ClientCertificate is not null) ssl.ClientCertificates = [ClientCertificate];
        if (InsecureSkipTlsVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (CertificateAuthority is { Count: > 0 } ca)
        {
            ssl.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
            {
                if (errors == SslPolicyErrors.None) return true;
                if (cert is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.CustomTrustStore.AddRange(ca);
                return chain.Build(new X509Certificate2(cert));
            };
        }
        handler.SslOptions = ssl;
        return handler;
    }

    /// <summary>A certificate with its private key from PEM text, in a form that TLS on every platform can present.</summary>
    public static X509Certificate2 ClientCertificateFromPem(string certPem, string keyPem)
    {
        using var ephemeral = X509Certificate2.CreateFromPem(certPem, keyPem);
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    public static X509Certificate2Collection CertificatesFromPem(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }
}

/// <summary>
/// The in-cluster service account: <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c>, and the token and CA that
/// Kubernetes mounts at /var/run/secrets/kubernetes.io/serviceaccount. The token is re-read every minute
/// because it rotates.
/// </summary>
public static class InCluster
{
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static KubeConnection Connect(string name, Func<string, string?> variable, TimeProvider clock,
        string directory = DefaultDirectory)
    {
        var host = variable("KUBERNETES_SERVICE_HOST");
        var port = variable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
            throw new KubernetesException($"Cluster '{name}': InCluster is set but KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT are not: is costs running in a pod?");
        var tokenPath = Path.Combine(directory, "token");
        if (!File.Exists(tokenPath))
            throw new KubernetesException($"Cluster '{name}': no service-account token at {tokenPath} (automountServiceAccountToken off?).");
        var caPath = Path.Combine(directory, "ca.crt");
        var hostPart = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return new KubeConnection
        {
            Name = name,
            Server = new Uri($"https://{hostPart}:{port}"),
            CertificateAuthority = File.Exists(caPath) ? KubeConnection.CertificatesFromPem(File.ReadAllText(caPath)) : null,
            Token = new FileToken(tokenPath, clock, TimeSpan.FromMinutes(1)),
        };
    }
}
