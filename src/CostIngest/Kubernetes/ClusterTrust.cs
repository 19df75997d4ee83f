using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using k8s;

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// How a cluster's server certificate is checked. KubernetesClient 21.0.8, given a cluster CA, accepts any
/// certificate that CA signed whatever name it carries, and uses tls-server-name only as the Host header.
/// Here, as kubectl does, the certificate must chain to the cluster CA (the bundle may hold intermediates)
/// and name the server: its host, or tls-server-name, which is also what TLS asks for (SNI).
/// </summary>
internal static class ClusterTrust
{
    /// <summary>Moves the CA check of <paramref name="config"/> into its HTTP handler, before a client is made from it.</summary>
    public static void Apply(KubernetesClientConfiguration config)
    {
        var serverName = config.TlsServerName is { Length: > 0 } n ? n : null;
        var ca = config.SkipTlsVerify ? null : config.SslCaCerts is { Count: > 0 } c ? c : null;
        if (serverName is null && ca is null) return;
        config.SslCaCerts = null; // so that KubernetesClient does not install its own, laxer check
        var setup = config.FirstMessageHandlerSetup;
        config.FirstMessageHandlerSetup = handler =>
        {
            setup?.Invoke(handler);
            if (serverName is not null) handler.SslOptions.TargetHost = serverName;
            if (ca is not null) handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, ca);
        };
    }

    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection ca)
    {
        if (errors == SslPolicyErrors.None) return true;
        // A name mismatch, or no certificate at all, is never forgiven; an unknown root is, if it is the cluster's CA.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(ca);
        chain.ChainPolicy.ExtraStore.AddRange(ca);
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
