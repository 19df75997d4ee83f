using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace Costs.CostReports.Email;

/// <summary>How the connection to the SMTP server is protected (<see cref="EmailOptions.Security"/>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection, then STARTTLS, which the server must offer (submission, port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    Tls,
    /// <summary>No encryption: a loopback test server or a relay inside the cluster; never with credentials.</summary>
    None,
}

/// <summary>
/// E-mail of reports (configuration section <c>Email</c>), sent with MailKit. <see cref="Security"/>
/// says how the connection is protected: <c>StartTls</c> (the default, port 587), <c>Tls</c> (implicit
/// TLS, port 465) or <c>None</c>; the older key <see cref="UseStartTls"/> still works (true is
/// StartTls, false is None). With a <see cref="UserName"/> the client signs in with the password
/// from <see cref="PasswordSecret"/>, or with XOAUTH2 and the access token from
/// <see cref="AccessTokenSecret"/>. Each secret names where to read it (an environment variable
/// name, NAME_FILE, or a mounted file path). <see cref="TrustedCaFile"/> adds a CA (PEM) that the
/// server's certificate may chain to, besides the machine's.
/// </summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public string From { get; set; } = "";
    /// <summary>Who gets the full report (all teams).</summary>
    public List<string> Platform { get; set; } = [];
    /// <summary>Who gets each team's report: team name → addresses.</summary>
    public Dictionary<string, List<string>> Teams { get; set; } = new(StringComparer.Ordinal);
    /// <summary><c>StartTls</c>, <c>Tls</c> or <c>None</c> (any case). Unset: from <see cref="UseStartTls"/>, else StartTls.</summary>
    public string? Security { get; set; }
    /// <summary>The older key: true is <c>StartTls</c>, false is <c>None</c>. Kept working; <see cref="Security"/> replaces it.</summary>
    public bool? UseStartTls { get; set; }
    public string? UserName { get; set; }
    public string? PasswordSecret { get; set; }
    /// <summary>Where the XOAUTH2 access token is (a secret reference, as for the password). Kept fresh by whoever issues it.</summary>
    public string? AccessTokenSecret { get; set; }
    /// <summary>A PEM file of CA certificates the server's certificate may chain to (a private relay, a test server).</summary>
    public string? TrustedCaFile { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>True when the section is there at all (a host is set): e-mail is optional.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>True when the client signs in with XOAUTH2 (an access token) rather than a password.</summary>
    public bool UsesOAuth2 => !string.IsNullOrWhiteSpace(AccessTokenSecret);

    /// <summary>
    /// The security mode that <see cref="Security"/> or, when it is unset, <see cref="UseStartTls"/> gives.
    /// An unknown <see cref="Security"/> is an <see cref="InvalidOperationException"/> that names it.
    /// </summary>
    public SmtpSecurity SecurityMode
    {
        get
        {
            if (string.IsNullOrEmpty(Security)) return UseStartTls == false ? SmtpSecurity.None : SmtpSecurity.StartTls;
            // By name only: Enum.Parse would also take "1" or "7".
            foreach (var mode in Enum.GetValues<SmtpSecurity>())
                if (string.Equals(mode.ToString(), Security.Trim(), StringComparison.OrdinalIgnoreCase)) return mode;
            throw new InvalidOperationException($"{SectionName}:Security: '{Security}' is not one of StartTls, Tls, None.");
        }
    }

    /// <summary>
    /// Who gets a report: the platform list for the full report (no team), the team's list for a team's
    /// slice. A team with no list is an error that names it (its report would otherwise go nowhere).
    /// </summary>
    public IReadOnlyList<string> RecipientsFor(string? team)
    {
        if (string.IsNullOrEmpty(team)) return Platform;
        return Teams.TryGetValue(team, out var list) && list.Count > 0 ? list
            : throw new InvalidOperationException($"{SectionName}:Teams has no addresses for team '{team}'.");
    }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var p = SectionName;
        if (!IsConfigured) return errors;
        if (Uri.CheckHostName(Host) == UriHostNameType.Unknown) errors.Add($"{p}:Host: '{Host}' is not a host name or address.");
        if (Port is < 1 or > 65535) errors.Add($"{p}:Port: must be 1 to 65535 (is {Port}).");
        if (!IsAddress(From)) errors.Add($"{p}:From: '{From}' is not an e-mail address.");
        for (var i = 0; i < Platform.Count; i++)
            if (!IsAddress(Platform[i])) errors.Add($"{p}:Platform:{i}: '{Platform[i]}' is not an e-mail address.");
        foreach (var (team, list) in Teams)
            for (var i = 0; i < list.Count; i++)
                if (!IsAddress(list[i])) errors.Add($"{p}:Teams:{team}:{i}: '{list[i]}' is not an e-mail address.");
        if (Platform.Count == 0 && Teams.Count == 0) errors.Add($"{p}:Platform: no recipients: give Platform or Teams addresses.");
        ValidateSecurity(errors);
        ValidateCredentials(errors);
        if (Timeout <= TimeSpan.Zero) errors.Add($"{p}:Timeout: must be positive (is {Timeout}).");
        return errors;
    }

    private void ValidateSecurity(List<string> errors)
    {
        var p = SectionName;
        SmtpSecurity mode;
        try
        {
            mode = SecurityMode;
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(ex.Message);
            return;
        }
        var key = string.IsNullOrEmpty(Security) ? "UseStartTls" : "Security";
        if (!string.IsNullOrEmpty(Security) && UseStartTls is { } startTls && startTls != (mode == SmtpSecurity.StartTls))
            errors.Add($"{p}:UseStartTls: {(startTls ? "true" : "false")} contradicts Security '{Security}'; remove UseStartTls (Security replaces it).");
        if (Port == 465 && mode != SmtpSecurity.Tls)
            errors.Add($"{p}:Port: 465 is implicit TLS: set {p}:Security to \"Tls\" (or use port 587 with \"StartTls\").");
        if (!string.IsNullOrEmpty(UserName) && mode == SmtpSecurity.None)
            errors.Add($"{p}:{key}: must be {(key == "Security" ? "StartTls or Tls" : "true")} when a UserName is set (the credentials would cross the network in clear).");
        if (!string.IsNullOrWhiteSpace(TrustedCaFile) && mode == SmtpSecurity.None)
            errors.Add($"{p}:TrustedCaFile: is set but {p}:{key} turns TLS off, so it would never be used.");
    }

    private void ValidateCredentials(List<string> errors)
    {
        var p = SectionName;
        var password = !string.IsNullOrWhiteSpace(PasswordSecret);
        if (string.IsNullOrEmpty(UserName))
        {
            if (password) errors.Add($"{p}:UserName: is required when PasswordSecret is set (the password would never be used).");
            if (UsesOAuth2) errors.Add($"{p}:UserName: is required when AccessTokenSecret is set (XOAUTH2 sends the user with the token).");
            return;
        }
        if (password && UsesOAuth2)
            errors.Add($"{p}:AccessTokenSecret: give PasswordSecret (a password) or AccessTokenSecret (XOAUTH2), not both.");
        else if (!password && !UsesOAuth2)
            errors.Add($"{p}:PasswordSecret: is required when UserName is set (or AccessTokenSecret, for XOAUTH2).");
    }

    private static bool IsAddress(string? text) => EmailAddress.TryParse(text, out _);
}

/// <summary>One mailbox address (<c>a@example.com</c> or <c>Name &lt;a@example.com&gt;</c>), parsed strictly by MimeKit.</summary>
public static class EmailAddress
{
    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        mailbox = null;
        return !string.IsNullOrWhiteSpace(text) && MailboxAddress.TryParse(Strict, text, out mailbox);
    }
}
