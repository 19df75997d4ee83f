using System.Text.RegularExpressions;

namespace Costs.CostApplication.CostInsights;

/// <summary>
/// A Backstage catalog entity reference, <c>kind:namespace/name</c> (the namespace may be left out, for
/// <c>default</c>), as <c>getCatalogEntityDailyCost</c> receives it: <c>component:default/checkout</c>.
/// Kind and namespace are compared ignoring case, as Backstage does; the name keeps its case.
/// </summary>
public sealed partial record EntityReference(string Kind, string Namespace, string Name)
{
    public static EntityReference Parse(string? text)
    {
        const string expected = "expected kind:namespace/name, e.g. component:default/checkout";
        if (string.IsNullOrEmpty(text)) throw new FormatException($"entity: missing; {expected}.");
        var m = Pattern().Match(text);
        if (!m.Success)
            throw new FormatException($"entity: '{(text.Length > 80 ? text[..80] + "…" : text)}' is not a catalog entity reference; {expected}.");
        var ns = m.Groups["ns"].Success ? m.Groups["ns"].Value : "default";
        return new EntityReference(m.Groups["kind"].Value.ToLowerInvariant(), ns.ToLowerInvariant(), m.Groups["name"].Value);
    }

    public override string ToString() => $"{Kind}:{Namespace}/{Name}";

    // Backstage's own limits: a kind is letters and digits; namespace and name are 1-63 characters of
    // [a-zA-Z0-9], '-', '_' and '.', starting and ending with a letter or digit.
    [GeneratedRegex(@"^(?<kind>[A-Za-z][A-Za-z0-9]{0,62}):(?:(?<ns>[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)/)?(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
