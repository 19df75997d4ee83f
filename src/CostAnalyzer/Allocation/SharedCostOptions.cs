using Costs.CostModel.Billing;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Allocation;

/// <summary>Whose cost a shared cost is spread over: the workloads of its own cluster, or of the whole organisation.</summary>
public enum SharedScope
{
    Cluster,
    Organisation,
}

/// <summary>How a shared cost is split among its receivers: by their own cost, or evenly.</summary>
public enum SharedSplit
{
    Weighted,
    Even,
}

/// <summary>What an <c>Allocation:Shared</c> item shares.</summary>
public enum SharedSource
{
    /// <summary>The cost of namespaces named by <see cref="SharedCostOptions.Namespaces"/>.</summary>
    Namespaces,
    /// <summary>The cost of pods (or their namespaces) whose labels match <see cref="SharedCostOptions.Labels"/>.</summary>
    Labels,
    /// <summary>A fixed monthly amount that is not on the bill (<see cref="SharedCostOptions.MonthlyAmount"/>).</summary>
    Fixed,
}

/// <summary>
/// One item of <c>Allocation:Shared</c>: namespaces, a label selector, or a fixed monthly amount whose cost is
/// shared among the other workloads. Exactly one of <see cref="Namespaces"/>, <see cref="Labels"/> and
/// <see cref="MonthlyAmount"/> is given.
/// </summary>
public sealed class SharedCostOptions
{
    /// <summary>Shown in the rule of every shared cent; default: the namespaces, the labels, or "fixed".</summary>
    public string Name { get; set; } = "";

    /// <summary>Exact names, or prefixes ending in '*'.</summary>
    public List<string> Namespaces { get; set; } = [];

    /// <summary>
    /// Key/value pairs that select pods: a pod matches when every pair is among its own labels or, for a key it
    /// does not carry, its Namespace object's labels. Billing rows that GKE cost allocation labelled
    /// (<c>k8s-label/KEY</c>) match the same way. Written as an object (<c>{"cost-share": "platform"}</c>) or as a
    /// list of <c>key=value</c> strings (<see cref="Selector"/>).
    /// </summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The pairs <see cref="Labels"/> asks for. A list of <c>key=value</c> strings reaches <see cref="Labels"/> as keys
    /// "0", "1", … (that is how configuration binds a list to a map); such an item is read as its pair. A label
    /// value never holds '=', so a digit key whose value does is never a real label.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Selector => Labels.Select(l => IsListItem(l)
        ? KeyValuePair.Create(l.Value[..l.Value.IndexOf('=', StringComparison.Ordinal)], l.Value[(l.Value.IndexOf('=', StringComparison.Ordinal) + 1)..])
        : l);

    private static bool IsListItem(KeyValuePair<string, string> label) =>
        label.Key.Length > 0 && label.Key.All(char.IsAsciiDigit) && label.Value is not null && label.Value.Contains('=', StringComparison.Ordinal);

    /// <summary>A fixed amount a month, not on the bill (a support contract, a licence), in <see cref="Currency"/>.</summary>
    public decimal? MonthlyAmount { get; set; }

    /// <summary>The ISO 4217 code of <see cref="MonthlyAmount"/>; needed with it.</summary>
    public string? Currency { get; set; }

    /// <summary>For a fixed amount with <see cref="SharedScope.Cluster"/>: the cluster whose workloads carry it.</summary>
    public string? Cluster { get; set; }

    public SharedScope Scope { get; set; } = SharedScope.Cluster;

    public SharedSplit By { get; set; } = SharedSplit.Weighted;

    /// <summary>What this item shares (the first that is given, when Validate was not called).</summary>
    public SharedSource Source => MonthlyAmount is not null ? SharedSource.Fixed
        : Labels.Count > 0 ? SharedSource.Labels : SharedSource.Namespaces;

    public string DisplayName => Name.Length > 0 ? Name : Source switch
    {
        SharedSource.Labels => "labels " + string.Join(",", Selector.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
        SharedSource.Fixed => "fixed",
        _ => "namespace " + string.Join(",", Namespaces),
    };

    /// <summary>The currency of the fixed amount (valid after <see cref="AllocationOptions.Validate"/>).</summary>
    public Currency FixedCurrency => new(Currency ?? "");

    public bool Matches(string? ns) => Source == SharedSource.Namespaces && ns is not null && Namespaces.Any(p => p.EndsWith('*')
        ? ns.StartsWith(p[..^1], StringComparison.Ordinal) : ns == p);

    /// <summary>True when every pair of <see cref="Labels"/> is on the pod, or else (for a key the pod lacks) on its namespace.</summary>
    public bool MatchesLabels(IReadOnlyDictionary<string, string> pod, IReadOnlyDictionary<string, string> ns) =>
        Source == SharedSource.Labels && Selector.All(l =>
            (pod.TryGetValue(l.Key, out var v) ? v : ns.TryGetValue(l.Key, out var n) ? n : null) == l.Value);

    /// <summary>The name of the first label policy that selects a pod with these labels, or null.</summary>
    public static string? LabelPolicy(IReadOnlyList<SharedCostOptions> policies, IReadOnlyDictionary<string, string> pod,
        IReadOnlyDictionary<string, string>? ns = null) =>
        policies.FirstOrDefault(p => p.MatchesLabels(pod, ns ?? CostModel.Billing.Labels.Empty))?.DisplayName;

    /// <summary>Adds this item's problems to <paramref name="errors"/>, each starting with its path.</summary>
    internal void Validate(string path, List<string> errors)
    {
        var given = (Namespaces.Count > 0 ? 1 : 0) + (Labels.Count > 0 ? 1 : 0) + (MonthlyAmount is not null ? 1 : 0);
        if (given != 1)
        {
            errors.Add($"{path}: give exactly one of Namespaces, Labels or MonthlyAmount (it gives {given}).");
            return;
        }
        if (!Enum.IsDefined(Scope)) errors.Add($"{path}:Scope: '{Scope}' is not Cluster or Organisation.");
        if (!Enum.IsDefined(By)) errors.Add($"{path}:By: '{By}' is not Weighted or Even.");
        if (Source != SharedSource.Fixed && (Currency is not null || Cluster is not null))
            errors.Add($"{path}: Currency and Cluster belong to a MonthlyAmount; namespaces and labels are shared within their own cluster (Scope Cluster) or the organisation.");
        switch (Source)
        {
            case SharedSource.Namespaces when Namespaces.Any(n => string.IsNullOrWhiteSpace(n) || n == "*"):
                errors.Add($"{path}:Namespaces: give one or more names or prefixes ending in '*' (not '*' alone).");
                break;
            case SharedSource.Labels:
                foreach (var (key, value) in Selector)
                    if (string.IsNullOrWhiteSpace(key) || value is null)
                        errors.Add($"{path}:Labels: '{key}' = '{value}': give a label key and the value it must have ({{\"key\": \"value\"}} or [\"key=value\"]).");
                break;
            case SharedSource.Fixed:
                ValidateFixed(path, errors);
                break;
        }
    }

    private void ValidateFixed(string path, List<string> errors)
    {
        if (!CostModel.Money.Currency.TryParse(Currency, out var currency))
        {
            errors.Add($"{path}:Currency: '{Currency}' is not an ISO 4217 code (USD, EUR, …); a MonthlyAmount needs one.");
            return;
        }
        var amount = MonthlyAmount!.Value;
        if (amount <= 0m || amount >= 1_000_000_000_000m)
            errors.Add($"{path}:MonthlyAmount: {amount} is not a positive amount below 10^12.");
        else if (decimal.Round(amount, currency.MinorDigits) != amount)
            errors.Add($"{path}:MonthlyAmount: {amount} has more decimal places than {currency} has ({currency.MinorDigits}).");
        if (Scope == SharedScope.Cluster && string.IsNullOrWhiteSpace(Cluster))
            errors.Add($"{path}:Cluster: a MonthlyAmount with Scope Cluster names the cluster whose workloads carry it (or use Scope Organisation).");
        if (Scope == SharedScope.Organisation && Cluster is not null)
            errors.Add($"{path}:Cluster: '{Cluster}' is given with Scope Organisation; set Scope to Cluster to charge that cluster only.");
    }
}
