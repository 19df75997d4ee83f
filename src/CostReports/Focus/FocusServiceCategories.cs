namespace Costs.CostReports.Focus;

/// <summary>A FOCUS ServiceCategory and ServiceSubcategory (allowed values of FOCUS 1.2).</summary>
public sealed record FocusServiceCategory(string Category, string Subcategory);

/// <summary>
/// Google Cloud service names (the export's <c>service.description</c>) → FOCUS ServiceCategory. The pairs
/// follow the FinOps Foundation's focus_converters GCP mapping (conversion_configs/gcp/mapping_files/
/// gcp_category_mapping.csv @c799bf9, MIT), for the services a GKE organisation commonly bills; a service
/// not listed is "Other". The subcategory is the category's "Other (…)" value, except for the two compute
/// services whose FOCUS 1.2 subcategory is plain (Compute Engine: Virtual Machines; GKE: Containers).
/// </summary>
public static class FocusServiceCategories
{
    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["Compute Engine"] = "Compute",
        ["Kubernetes Engine"] = "Compute",
        ["Cloud Run"] = "Compute",
        ["Cloud Functions"] = "Compute",
        ["Artifact Registry"] = "Compute",
        ["Cloud Storage"] = "Storage",
        ["BigQuery"] = "Databases",
        ["Cloud SQL"] = "Databases",
        ["Cloud Spanner"] = "Databases",
        ["Cloud Bigtable"] = "Databases",
        ["Networking"] = "Networking",
        ["Cloud DNS"] = "Networking",
        ["Cloud CDN"] = "Networking",
        ["Cloud Logging"] = "Management and Governance",
        ["Cloud Pub/Sub"] = "Integration",
        ["Cloud Build"] = "Developer Tools",
        ["Cloud Composer"] = "Analytics",
        ["Cloud Dataflow"] = "Analytics",
        ["Secret Manager"] = "Security",
        ["Vertex AI"] = "AI and Machine Learning",
    };

    public static FocusServiceCategory Of(string serviceName)
    {
        var category = Categories.GetValueOrDefault(serviceName, "Other");
        var subcategory = serviceName switch
        {
            "Compute Engine" => "Virtual Machines",
            "Kubernetes Engine" => "Containers",
            _ => $"Other ({category})",
        };
        return new FocusServiceCategory(category, subcategory);
    }
}
