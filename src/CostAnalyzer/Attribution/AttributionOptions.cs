using System.Text.RegularExpressions;

namespace Costs.CostAnalyzer.Attribution;

/// <summary>A glob over a name (<c>*</c> any run, <c>?</c> one character) and the environment it maps to.</summary>
public sealed class PatternMapping
{
    public string Pattern { get; set; } = "";
    public string Environment { get; set; } = "";
}

/// <summary>A glob over a Kubernetes namespace name and the team that owns what runs in it.</summary>
public sealed class TeamPatternMapping
{
    public string Pattern { get; set; } = "";
    public string Team { get; set; } = "";
}

/// <summary>
/// How billing lines and pods are attributed to a service, a team and an environment
/// (configuration section <c>Attribution</c>). For each dimension the first rule that matches wins:
/// the line's labels (keys in the order given), GKE cost-allocation labels (<c>k8s-label/KEY</c>),
/// the project's labels, then the mappings (service owners, cluster and project patterns).
/// </summary>
public sealed class AttributionOptions
{
    public const string Section = "Attribution";

    public List<string> ServiceLabels { get; set; } = ["app.kubernetes.io/name", "app", "service"];
    public List<string> TeamLabels { get; set; } = ["team", "owner"];
    public List<string> EnvironmentLabels { get; set; } = ["environment", "env"];

    /// <summary>Read GKE cost-allocation labels (<c>k8s-label/KEY</c>, <c>k8s-namespace</c>, <c>goog-k8s-cluster-name</c>).</summary>
    public bool UseGkeLabels { get; set; } = true;

    /// <summary>Fall back to the labels of the project a line belongs to.</summary>
    public bool UseProjectLabels { get; set; } = true;

    /// <summary>Service → owning team, used when no label names the team.</summary>
    public Dictionary<string, string> ServiceOwners { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Namespace patterns → owning team, used when no label names the team (pods, and GKE rows with <c>k8s-namespace</c>).</summary>
    public List<TeamPatternMapping> NamespaceTeams { get; set; } = [];

    /// <summary>Namespace patterns → environment, tried before cluster and project patterns.</summary>
    public List<PatternMapping> NamespaceEnvironments { get; set; } = [];

    /// <summary>Cluster-name patterns → environment, tried before project patterns.</summary>
    public List<PatternMapping> ClusterEnvironments { get; set; } = [];

    /// <summary>Project-id patterns → environment, e.g. <c>*-prod</c> → production.</summary>
    public List<PatternMapping> ProjectEnvironments { get; set; } = [];

    /// <summary>Spellings of an environment → its one name (<c>prod</c> → <c>production</c>). Matched ignoring case.</summary>
    public Dictionary<string, string> EnvironmentNames { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["prod"] = "production", ["prd"] = "production", ["production"] = "production",
        ["stg"] = "staging", ["stage"] = "staging", ["staging"] = "staging",
        ["dev"] = "development", ["development"] = "development",
        ["test"] = "test", ["qa"] = "test",
    };

    /// <summary>Every problem with these options, each naming its configuration path; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Keys(List<string> keys, string name)
        {
            if (keys.Count == 0) errors.Add($"{Section}:{name}: at least one label key is needed.");
            for (var i = 0; i < keys.Count; i++)
                if (string.IsNullOrWhiteSpace(keys[i])) errors.Add($"{Section}:{name}:{i}: a label key is blank.");
        }
        Keys(ServiceLabels, nameof(ServiceLabels));
        Keys(TeamLabels, nameof(TeamLabels));
        Keys(EnvironmentLabels, nameof(EnvironmentLabels));
        void Patterns(IReadOnlyList<(string Pattern, string Target)> list, string name, string target)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(list[i].Pattern)) errors.Add($"{Section}:{name}:{i}:Pattern: blank.");
                else if (list[i].Pattern.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '*' or '?' or '-' or '_' or '.' or ':')))
                    errors.Add($"{Section}:{name}:{i}:Pattern: '{list[i].Pattern}' may hold only letters, digits, - _ . : and the wildcards * ?.");
                if (string.IsNullOrWhiteSpace(list[i].Target)) errors.Add($"{Section}:{name}:{i}:{target}: blank.");
            }
        }
        Patterns(NamespaceEnvironments.Select(m => (m.Pattern, m.Environment)).ToList(), nameof(NamespaceEnvironments), "Environment");
        Patterns(NamespaceTeams.Select(m => (m.Pattern, m.Team)).ToList(), nameof(NamespaceTeams), "Team");
        Patterns(ClusterEnvironments.Select(m => (m.Pattern, m.Environment)).ToList(), nameof(ClusterEnvironments), "Environment");
        Patterns(ProjectEnvironments.Select(m => (m.Pattern, m.Environment)).ToList(), nameof(ProjectEnvironments), "Environment");
        foreach (var (service, team) in ServiceOwners)
            if (string.IsNullOrWhiteSpace(team)) errors.Add($"{Section}:{nameof(ServiceOwners)}:{service}: the team is blank.");
        return errors;
    }

    internal static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
}
