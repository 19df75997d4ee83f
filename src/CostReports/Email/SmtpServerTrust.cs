using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Costs.CostReports.Email;

/// <summary>
/// Which certificates an SMTP server may present: those the machine trusts, and, when
/// <see cref="EmailOptions.TrustedCaFile"/> is set, those that chain to a CA in that PEM file. The
/// host name must always match, and validation is never turned off. Revocation is checked where the
/// certificate says how (the machine's trust, as MailKit does; a private CA's lists when reachable):
/// a private CA without a reachable list is not refused for that alone, a revoked certificate is.
/// </summary>
public sealed class SmtpServerTrust
{
    private static readonly X509ChainStatusFlags Tolerated =
        X509ChainStatusFlags.NoError | X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation;

    private readonly X509Certificate2Collection? _roots;

    private SmtpServerTrust(X509Certificate2Collection? roots) => _roots = roots;

    /// <summary>The machine's trust only.</summary>
    public static SmtpServerTrust Machine { get; } = new(null);

    /// <summary>
    /// The machine's trust plus the CA certificates of <paramref name="pemFile"/> (none when it is
    /// null or blank). A file that cannot be read or holds no certificate is an
    /// <see cref="InvalidOperationException"/> naming it.
    /// </summary>
    public static SmtpServerTrust Load(string? pemFile)
    {
        if (string.IsNullOrWhiteSpace(pemFile)) return Machine;
        var what = $"{EmailOptions.SectionName}:TrustedCaFile: {pemFile}";
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(pemFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"{what}: cannot be read ({ex.GetType().Name}: {ex.Message})", ex);
        }
        return roots.Count > 0 ? new SmtpServerTrust(roots)
            : throw new InvalidOperationException($"{what}: holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }

    /// <summary>Why <paramref name="pemFile"/> cannot serve as <see cref="EmailOptions.TrustedCaFile"/>; null when it can or none is set.</summary>
    public static string? Check(string? pemFile)
    {
        try
        {
            Load(pemFile);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>A check for one connection; it remembers why it refused a certificate, for the error message.</summary>
    internal CertificateCheck NewCheck() => new(this);

    internal sealed class CertificateCheck(SmtpServerTrust trust)
    {
        /// <summary>Why the server's certificate was refused; null when it was not (or not yet seen).</summary>
        public string? Refusal { get; private set; }

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (errors == SslPolicyErrors.None) return true;
            Refusal = Refuse(certificate, chain, errors);
            return Refusal is null;
        }

        private string? Refuse(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
                return "the server sent no certificate";
            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
                return $"its certificate ({certificate.Subject}) is not issued for this host name";
            var machineStatus = Describe(chain);
            if (trust._roots is null)
                return $"its certificate ({certificate.Subject}) is not trusted by this machine ({machineStatus}); for a private CA set {EmailOptions.SectionName}:TrustedCaFile";
            using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(trust._roots);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.Online;
            if (chain is not null)
                foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            custom.Build(leaf);
            var failed = custom.ChainStatus.Select(s => s.Status).Where(s => (s & ~Tolerated) != 0).ToList();
            return failed.Count == 0 && custom.ChainElements.Count > 0 ? null
                : $"its certificate ({certificate.Subject}) does not chain to {EmailOptions.SectionName}:TrustedCaFile ({Describe(custom)}) nor to this machine's CAs ({machineStatus})";
        }

        private static string Describe(X509Chain? chain) =>
            chain is null || chain.ChainStatus.Length == 0 ? "no chain"
                : string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct(StringComparer.Ordinal));
    }
}
