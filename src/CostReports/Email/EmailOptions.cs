namespace Costs.CostReports.Email;

/// <summary>
/// E-mail of reports (configuration section <c>Email</c>). System.Net.Mail speaks SMTP with STARTTLS
/// (<see cref="UseStartTls"/>, normally on port 587); it has no implicit TLS (port 465) and no OAuth2.
/// The password is a secret: <see cref="PasswordSecret"/> says where to read it (an environment
/// variable name, NAME_FILE, or a mounted file path).
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
    public bool UseStartTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? PasswordSecret { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>True when the section is there at all (a host is set): e-mail is optional.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

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
        if (Port == 465) errors.Add($"{p}:Port: 465 is implicit TLS, which System.Net.Mail does not speak; use 587 with UseStartTls.");
        if (!IsAddress(From)) errors.Add($"{p}:From: '{From}' is not an e-mail address.");
        for (var i = 0; i < Platform.Count; i++)
            if (!IsAddress(Platform[i])) errors.Add($"{p}:Platform:{i}: '{Platform[i]}' is not an e-mail address.");
        foreach (var (team, list) in Teams)
            for (var i = 0; i < list.Count; i++)
                if (!IsAddress(list[i])) errors.Add($"{p}:Teams:{team}:{i}: '{list[i]}' is not an e-mail address.");
        if (Platform.Count == 0 && Teams.Count == 0) errors.Add($"{p}:Platform: no recipients: give Platform or Teams addresses.");
        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrWhiteSpace(PasswordSecret))
            errors.Add($"{p}:PasswordSecret: is required when UserName is set.");
        if (!string.IsNullOrEmpty(UserName) && !UseStartTls)
            errors.Add($"{p}:UseStartTls: must be true when a UserName is set (the password would cross the network in clear).");
        if (Timeout <= TimeSpan.Zero) errors.Add($"{p}:Timeout: must be positive (is {Timeout}).");
        return errors;
    }

    private static bool IsAddress(string? text) => System.Net.Mail.MailAddress.TryCreate(text, out _);
}
