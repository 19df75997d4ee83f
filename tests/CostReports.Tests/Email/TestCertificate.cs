using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Costs.CostReports.Tests.Email;

/// <summary>
/// A self-signed TLS certificate for the loopback SMTP server, made fresh per test with
/// <see cref="CertificateRequest"/>: ECDSA P-256, issued for 127.0.0.1 (and localhost unless told not), valid for a
/// day, written as PEM (certificate, PKCS#8 key) to a temporary folder. It is its own CA, so trusting
/// its file (Email:TrustedCaFile) trusts the server.
/// </summary>
internal sealed class TestCertificate : IDisposable
{
    private readonly string _directory;
    public string CertificatePath => Path.Combine(_directory, "server.crt");
    public string KeyPath => Path.Combine(_directory, "server.key");

    private TestCertificate(string directory) => _directory = directory;

    public static TestCertificate Create(string commonName = "costs-test-smtp", bool forLocalhost = true)
    {
        var dir = Path.Combine(Path.GetTempPath(), "costs-cert-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        if (forLocalhost) names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var made = new TestCertificate(dir);
        File.WriteAllText(made.CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(made.KeyPath, key.ExportPkcs8PrivateKeyPem());
        return made;
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
