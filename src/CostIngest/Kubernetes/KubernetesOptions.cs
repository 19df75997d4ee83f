using Costs.CostIngest.Kubernetes.Discovery;

namespace Costs.CostIngest.Kubernetes;

/// <summary>Configuration section "Kubernetes": which clusters to sample and how to reach them (how their cost is split is the Allocation section).</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    public List<ClusterOptions> Clusters { get; set; } = [];

    /// <summary>
    /// Kubeconfig file for clusters reached by Context, or several separated by the path separator (merged as
    /// kubectl merges KUBECONFIG). Default: every file in $KUBECONFIG, else ~/.kube/config.
    /// </summary>
    public string? Kubeconfig { get; set; }

    /// <summary>GKE clusters found through the GKE API and reached with Google credentials, beside <see cref="Clusters"/>.</summary>
    public DiscoverOptions Discover { get; set; } = new();

    /// <summary>How often `serve` samples. At least a minute, at most an hour (each hour needs a sample).</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>List page size (<c>limit</c>).</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Per-request timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Every problem with the options, one line each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (SampleInterval < TimeSpan.FromMinutes(1) || SampleInterval > TimeSpan.FromHours(1))
            errors.Add($"Kubernetes:SampleInterval must be between 00:01:00 and 01:00:00 (is {SampleInterval}).");
        if (PageSize is < 1 or > 10000) errors.Add($"Kubernetes:PageSize must be 1 to 10000 (is {PageSize}).");
        if (RequestTimeout <= TimeSpan.Zero) errors.Add("Kubernetes:RequestTimeout must be positive.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Clusters.Count; i++)
        {
            var c = Clusters[i];
            var at = $"Kubernetes:Clusters:{i}";
            if (string.IsNullOrWhiteSpace(c.Name)) errors.Add($"{at}:Name is required.");
            else if (!seen.Add(c.Name)) errors.Add($"{at}:Name '{c.Name}' is used twice.");
            if (c.InCluster == !string.IsNullOrEmpty(c.Context))
                errors.Add($"{at}: set exactly one of Context and InCluster.");
        }
        errors.AddRange(Discover.Validate());
        return errors;
    }
}

/// <summary>One cluster to sample: reached through a kubeconfig context, or from inside it (service account).</summary>
public sealed class ClusterOptions
{
    public string Name { get; set; } = "";
    public string? Context { get; set; }
    public bool InCluster { get; set; }
    public string? Environment { get; set; }
}
