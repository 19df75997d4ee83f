using Costs.CostResilience;

namespace Costs.CostIngest.Kubernetes.Discovery;

/// <summary>
/// Configuration section "Kubernetes:Discover": the GKE clusters of these projects are listed through the GKE
/// API and collected with a Google access token (Application Default Credentials), beside the configured ones.
/// </summary>
public sealed class DiscoverOptions
{
    public const string Section = "Kubernetes:Discover";

    /// <summary>Project IDs whose clusters (every location) are listed. Empty: no discovery.</summary>
    public List<string> Projects { get; set; } = [];

    /// <summary>Only clusters whose name matches this glob (<c>*</c> and <c>?</c>); null: every name.</summary>
    public string? Names { get; set; }

    /// <summary>Only clusters that carry every one of these resource labels with this value.</summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reach each cluster through the Connect gateway (its fleet membership) instead of its endpoint.</summary>
    public bool ConnectGateway { get; set; }

    /// <summary>The GKE API (tests point it at a loopback fake).</summary>
    public Uri BaseUri { get; set; } = new("https://container.googleapis.com/");

    /// <summary>The Connect gateway API (tests point it at a loopback fake).</summary>
    public Uri ConnectGatewayBaseUri { get; set; } = new("https://connectgateway.googleapis.com/");

    /// <summary>Per-request timeout of the GKE API.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public RetryOptions Retry { get; set; } = new();

    public bool IsConfigured => Projects.Count > 0;

    /// <summary>Every problem with the options, one line each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        for (var i = 0; i < Projects.Count; i++)
            if (!GkeClusterList.IsProjectId(Projects[i]))
                errors.Add($"{Section}:Projects:{i} '{Projects[i]}' is not a project ID (6 to 30 lowercase letters, digits and hyphens).");
        if (Projects.Count != Projects.Distinct(StringComparer.Ordinal).Count()) errors.Add($"{Section}:Projects names a project twice.");
        if (Names is { } glob && string.IsNullOrWhiteSpace(glob)) errors.Add($"{Section}:Names must not be blank.");
        foreach (var (key, _) in Labels)
            if (string.IsNullOrWhiteSpace(key)) errors.Add($"{Section}:Labels has a blank key.");
        foreach (var (key, uri) in new[] { ("BaseUri", BaseUri), ("ConnectGatewayBaseUri", ConnectGatewayBaseUri) })
            if (!uri.IsAbsoluteUri || !uri.AbsoluteUri.EndsWith('/'))
                errors.Add($"{Section}:{key} must be absolute and end with '/' (was {uri}).");
        if (HttpTimeout <= TimeSpan.Zero) errors.Add($"{Section}:HttpTimeout must be positive.");
        errors.AddRange(Retry.Validate(Section));
        return errors;
    }
}
