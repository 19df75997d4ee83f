using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Costs.CostIngest.Tests.Kubernetes;

/// <summary>
/// Private CAs and the certificates they sign, made in memory: a cluster CA (as a GKE control plane has),
/// optionally an intermediate under it, the API server's certificate for 127.0.0.1, and client certificates.
/// </summary>
internal static class TestCertificates
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(name, key);
        using var ca = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
        return Reload(ca);
    }

    public static X509Certificate2 CreateIntermediate(X509Certificate2 issuer, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signed = CaRequest(name, key).Create(issuer, Now.AddDays(-1), Now.AddDays(20), Serial());
        using var withKey = signed.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>A server certificate for 127.0.0.1 (and <paramref name="dnsName"/>, if given), with its key.</summary>
    public static X509Certificate2 IssueServer(X509Certificate2 issuer, string? dnsName = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kube-apiserver", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        if (dnsName is null) san.AddIpAddress(IPAddress.Loopback);
        else san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(issuer, Now.AddDays(-1), Now.AddDays(10), Serial());
        using var withKey = signed.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>A client certificate (as kubeadm gives an admin) and its private key, both as PEM.</summary>
    public static (string CertificatePem, string KeyPem) IssueClient(X509Certificate2 issuer, string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var signed = request.Create(issuer, Now.AddDays(-1), Now.AddDays(10), Serial());
        return (signed.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));

    private static CertificateRequest CaRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(8);

    /// <summary>A copy whose private key TLS can use on every platform.</summary>
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
}
