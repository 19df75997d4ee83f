using System.Net;

namespace Costs.CostApplication.Settings;

/// <summary>
/// Configuration section <c>Http</c>: where `costs serve` answers HTTP (the service pages, <c>/metrics</c>,
/// the health endpoints). Loopback by default: listening on every interface (0.0.0.0) must be asked for.
/// </summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>The TCP port; 0 picks a free one (logged at start, for tests).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>The address to listen on: 127.0.0.1 (the default), ::1, 0.0.0.0 (every interface, as in a pod), or one address of the host.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// A file holding the bearer token (a mounted Kubernetes secret). When set, every endpoint but
    /// <c>/healthz</c> and <c>/readyz</c> answers 401 without <c>Authorization: Bearer TOKEN</c>.
    /// </summary>
    public string? TokenFile { get; set; }

    /// <summary>The parsed <see cref="BindAddress"/>; valid after <see cref="Validate"/> returned no error.</summary>
    public IPAddress ListenAddress() => IPAddress.Parse(BindAddress.Trim());

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535) errors.Add($"{Section}:Port: {Port} is not a TCP port (0 to 65535; 0 picks a free one).");
        if (string.IsNullOrWhiteSpace(BindAddress) || !IPAddress.TryParse(BindAddress.Trim(), out _))
            errors.Add($"{Section}:BindAddress: '{BindAddress}' is not an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every interface).");
        if (TokenFile is not null && TokenFile.Trim().Length == 0)
            errors.Add($"{Section}:TokenFile: is empty; name the mounted secret file, or leave the key out for no token.");
        return errors;
    }
}
