using System.Text.RegularExpressions;
using Costs.CostModel.Billing;

namespace Costs.CostAnalyzer.Attribution;

/// <summary>Who a cost belongs to, the rule that said so for each dimension, and what was looked for in vain.</summary>
public sealed record Attribution(
    string? Service,
    string? Team,
    string? Environment,
    string? Cluster,
    string? Namespace,
    string Rule,
    string Missing);

/// <summary>
/// Applies <see cref="AttributionOptions"/> to labels. Pure and thread-safe; build one per run.
/// </summary>
public sealed class Attributor
{
    public const string GkeLabelPrefix = "k8s-label/";
    public const string GkeNamespaceLabel = "k8s-namespace";
    public const string GkeClusterLabel = "goog-k8s-cluster-name";

    private readonly AttributionOptions _options;
    private readonly List<(Regex Pattern, string Text, string Target)> _clusterPatterns;
    private readonly List<(Regex Pattern, string Text, string Target)> _namespacePatterns;
    private readonly List<(Regex Pattern, string Text, string Target)> _namespaceTeams;
    private readonly List<(Regex Pattern, string Text, string Target)> _projectPatterns;

    public Attributor(AttributionOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        _options = options;
        _clusterPatterns = options.ClusterEnvironments.Select(m => (AttributionOptions.Glob(m.Pattern), m.Pattern, m.Environment)).ToList();
        _namespacePatterns = options.NamespaceEnvironments.Select(m => (AttributionOptions.Glob(m.Pattern), m.Pattern, m.Environment)).ToList();
        _namespaceTeams = options.NamespaceTeams.Select(m => (AttributionOptions.Glob(m.Pattern), m.Pattern, m.Team)).ToList();
        _projectPatterns = options.ProjectEnvironments.Select(m => (AttributionOptions.Glob(m.Pattern), m.Pattern, m.Environment)).ToList();
    }

    public Attribution Attribute(BillingLine line) =>
        Attribute(line.Labels, line.SystemLabels, line.ProjectLabels, line.ProjectId, clusterOverride: null, namespaceOverride: null);

    /// <summary>
    /// Attributes a set of labels. <paramref name="clusterOverride"/> and <paramref name="namespaceOverride"/>
    /// are what the cluster itself reports (for a pod), which wins over labels. <paramref name="namespaceLabels"/> are
    /// the labels of a pod's Namespace object: read after its own labels (and, for the team, the service-owner map), before the name patterns.
    /// </summary>
    public Attribution Attribute(Labels labels, Labels systemLabels, Labels projectLabels, string? projectId,
        string? clusterOverride, string? namespaceOverride, Labels? namespaceLabels = null)
    {
        var rules = new List<string>(3);
        var missing = new List<string>(3);

        var cluster = clusterOverride ?? Value(labels, GkeClusterLabel) ?? Value(systemLabels, GkeClusterLabel);
        var ns = namespaceOverride ?? (_options.UseGkeLabels ? Value(labels, GkeNamespaceLabel) : null);

        var nsLabels = namespaceLabels ?? Labels.Empty;
        var service = FromLabels("service", _options.ServiceLabels, labels, projectLabels, rules)
            ?? FromNamespace("service", _options.ServiceLabels, nsLabels, rules);
        var team = FromLabels("team", _options.TeamLabels, labels, projectLabels, rules);
        if (team is null && service is not null && _options.ServiceOwners.TryGetValue(service, out var owner))
        {
            team = owner;
            rules.Add("team=owner:" + service);
        }
        team ??= FromNamespace("team", _options.TeamLabels, nsLabels, rules);
        if (team is null && ns is not null && Match(_namespaceTeams, ns) is { } byNamespaceTeam)
        {
            team = byNamespaceTeam.Target;
            rules.Add("team=namespace:" + byNamespaceTeam.Text);
        }
        var environment = FromLabels("environment", _options.EnvironmentLabels, labels, projectLabels, rules)
            ?? FromNamespace("environment", _options.EnvironmentLabels, nsLabels, rules);
        if (environment is null && ns is not null && Match(_namespacePatterns, ns) is { } byNamespace)
        {
            environment = byNamespace.Target;
            rules.Add("environment=namespace:" + byNamespace.Text);
        }
        if (environment is null && cluster is not null && Match(_clusterPatterns, cluster) is { } byCluster)
        {
            environment = byCluster.Target;
            rules.Add("environment=cluster:" + byCluster.Text);
        }
        if (environment is null && projectId is not null && Match(_projectPatterns, projectId) is { } byProject)
        {
            environment = byProject.Target;
            rules.Add("environment=project:" + byProject.Text);
        }
        environment = Normalise(environment);

        if (service is null) missing.Add("service: " + string.Join('|', _options.ServiceLabels));
        if (team is null) missing.Add("team: " + string.Join('|', _options.TeamLabels));
        if (environment is null) missing.Add("environment: " + string.Join('|', _options.EnvironmentLabels));
        return new Attribution(service, team, environment, cluster, ns, string.Join("; ", rules), string.Join("; ", missing));
    }

    private string? Normalise(string? environment) =>
        environment is null ? null
        : _options.EnvironmentNames.TryGetValue(environment, out var canonical) ? canonical
        : environment.ToLowerInvariant();

    /// <summary>The first of <paramref name="keys"/> that a pod's Namespace object carries as a label.</summary>
    private static string? FromNamespace(string dimension, List<string> keys, Labels namespaceLabels, List<string> rules)
    {
        foreach (var key in keys)
        {
            if (Value(namespaceLabels, key) is { } v) { rules.Add($"{dimension}=namespace-label:{key}"); return v; }
        }
        return null;
    }

    private string? FromLabels(string dimension, List<string> keys, Labels labels, Labels projectLabels, List<string> rules)
    {
        foreach (var key in keys)
        {
            if (Value(labels, key) is { } v) { rules.Add($"{dimension}=label:{key}"); return v; }
        }
        if (_options.UseGkeLabels)
        {
            foreach (var key in keys)
            {
                if (Value(labels, GkeLabelPrefix + key) is { } v) { rules.Add($"{dimension}=k8s-label:{key}"); return v; }
            }
        }
        if (_options.UseProjectLabels)
        {
            foreach (var key in keys)
            {
                if (Value(projectLabels, key) is { } v) { rules.Add($"{dimension}=project-label:{key}"); return v; }
            }
        }
        return null;
    }

    private static string? Value(Labels labels, string key) =>
        labels.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    private static (Regex Pattern, string Text, string Target)? Match(List<(Regex Pattern, string Text, string Target)> patterns, string name)
    {
        foreach (var p in patterns)
            if (p.Pattern.IsMatch(name)) return p;
        return null;
    }
}
