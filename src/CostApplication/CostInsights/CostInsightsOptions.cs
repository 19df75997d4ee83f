namespace Costs.CostApplication.CostInsights;

/// <summary>
/// Configuration section <c>CostInsights</c>: how the Backstage Cost Insights API names groups, catalog
/// entities and products, and which currency it answers in.
/// </summary>
public sealed class CostInsightsOptions
{
    public const string Section = "CostInsights";

    /// <summary>The billing currency to answer in; empty: the store's only currency (several are an error).</summary>
    public string? Currency { get; set; }

    /// <summary>
    /// Whole days after a day's end before its billing is taken as complete (the export's delay). The last
    /// complete billing date is the last billed day, at most today − 1 − this. Default 1.
    /// </summary>
    public int BillingDelayDays { get; set; } = 1;

    /// <summary>How many days back from the last complete billing date a team or project must have cost to be listed. Default 90.</summary>
    public int ListingDays { get; set; } = 90;

    /// <summary>
    /// Backstage users and the teams (groups) whose costs each sees, e.g.
    /// <c>[{ "User": "user:default/jane", "Groups": ["payments"] }]</c> (a list, since a user reference holds
    /// the ':' that configuration keys cannot). Empty (the default): every user sees every team. When given,
    /// a user not listed sees none.
    /// </summary>
    public List<UserGroupsOptions> UserGroups { get; set; } = [];

    /// <summary>
    /// Catalog entity kinds whose entity name is the service's name (the value of the service label the
    /// attribution rules read, Attribution:ServiceLabels). Default: component.
    /// </summary>
    public List<string> EntityKinds { get; set; } = ["component"];

    /// <summary>
    /// Catalog entities whose name is not their service's, checked first, e.g.
    /// <c>[{ "Entity": "component:default/checkout-web", "Service": "checkout" }]</c>.
    /// </summary>
    public List<EntityServiceOptions> Entities { get; set; } = [];

    /// <summary>
    /// Product kind (as in the plugin's app-config <c>costInsights.products</c>) → Google Cloud service
    /// (the billing export's <c>service.description</c>, e.g. "Compute Engine"). A kind not listed matches the
    /// service whose name, without spaces and punctuation and ignoring case, is the kind's
    /// (<c>computeEngine</c> → Compute Engine, <c>cloudStorage</c> → Cloud Storage).
    /// </summary>
    public Dictionary<string, string> Products { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Currency is { Length: > 0 } c && !CostModel.Money.Currency.TryParse(c.ToUpperInvariant(), out _))
            errors.Add($"{Section}:Currency: '{c}' is not an ISO 4217 currency code.");
        if (BillingDelayDays is < 0 or > 31) errors.Add($"{Section}:BillingDelayDays: must be 0 to 31 (was {BillingDelayDays}).");
        if (ListingDays is < 1 or > 1200) errors.Add($"{Section}:ListingDays: must be 1 to 1200 (was {ListingDays}).");
        for (var i = 0; i < UserGroups.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(UserGroups[i].User)) errors.Add($"{Section}:UserGroups:{i}:User: is required.");
            if (UserGroups[i].Groups.Any(string.IsNullOrWhiteSpace)) errors.Add($"{Section}:UserGroups:{i}:Groups: a team name is empty.");
        }
        if (EntityKinds.Any(string.IsNullOrWhiteSpace)) errors.Add($"{Section}:EntityKinds: a kind is empty.");
        for (var i = 0; i < Entities.Count; i++)
        {
            try
            {
                EntityReference.Parse(Entities[i].Entity);
            }
            catch (FormatException ex)
            {
                errors.Add($"{Section}:Entities:{i}:Entity: {ex.Message}");
            }
            if (string.IsNullOrWhiteSpace(Entities[i].Service)) errors.Add($"{Section}:Entities:{i}:Service: is required.");
        }
        foreach (var (kind, service) in Products)
            if (string.IsNullOrWhiteSpace(service)) errors.Add($"{Section}:Products:{kind}: the Google Cloud service is empty.");
        return errors;
    }
}

/// <summary>One user of <see cref="CostInsightsOptions.UserGroups"/>.</summary>
public sealed class UserGroupsOptions
{
    /// <summary>The user as the plugin names them (what <c>getUserGroups</c> receives), compared ignoring case.</summary>
    public string User { get; set; } = "";

    /// <summary>The teams whose costs the user sees.</summary>
    public List<string> Groups { get; set; } = [];
}

/// <summary>One mapping of <see cref="CostInsightsOptions.Entities"/>.</summary>
public sealed class EntityServiceOptions
{
    /// <summary>The catalog entity reference, <c>kind:namespace/name</c>.</summary>
    public string Entity { get; set; } = "";

    /// <summary>The service its costs are.</summary>
    public string Service { get; set; } = "";
}
