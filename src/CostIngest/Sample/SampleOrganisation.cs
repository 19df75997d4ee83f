namespace Costs.CostIngest.Sample;

/// <summary>A service of the sample organisation, with what it runs on and how big it is.</summary>
public sealed record SampleService(string Name, string Team, string Namespace, decimal Size);

/// <summary>
/// The organisation that `costs demo` bills: one billing account, production, staging, shared and
/// data projects, two GKE clusters in europe-west1, fourteen services owned by five teams. Prices are
/// Compute Engine list prices for europe-west1 (n2-standard-8 = $0.427336/h = 8 × 0.034773 + 32 × 0.004661;
/// 1-year commitment at 37% off), from ../shared/data/cyclenerd-gcp-pricing/pricing.yml.
/// </summary>
public static class SampleOrganisation
{
    public const string BillingAccount = "01A2B3-C4D5E6-F7A8B9";
    public const string ProdProject = "acme-shop-prod";
    public const string StagingProject = "acme-shop-staging";
    public const string SharedProject = "acme-shared";
    public const string DataProject = "acme-data-prod";
    public const string ProdCluster = "prod-eu";
    public const string StagingCluster = "staging-eu";
    public const string Region = "europe-west1";

    public static readonly IReadOnlyList<SampleService> Services =
    [
        new("checkout", "payments", "shop", 1.6m),
        new("payments-api", "payments", "payments", 1.3m),
        new("fraud-check", "payments", "payments", 0.7m),
        new("storefront-web", "storefront", "shop", 2.0m),
        new("catalog", "storefront", "shop", 1.2m),
        new("search", "storefront", "shop", 1.5m),
        new("cart", "storefront", "shop", 0.8m),
        new("recommendations", "growth", "growth", 1.1m),
        new("email-campaigns", "growth", "growth", 0.5m),
        new("analytics-pipeline", "data", "data", 1.4m),
        new("reporting", "data", "data", 0.6m),
        new("event-ingest", "data", "data", 0.9m),
        new("ci-runners", "platform", "platform", 0.9m),
        new("observability", "platform", "monitoring", 1.0m),
    ];

    /// <summary>A GKE node VM of the production cluster, by the instance name that the export's resource.name carries.</summary>
    public sealed record SampleNode(string Name, string Pool, string MachineType, int Vcpus, int MemoryGiB, string Zone);

    public static readonly IReadOnlyList<SampleNode> ProdNodes =
    [
        new("gke-prod-eu-default-pool-5f1c2a7e-0q4d", "default-pool", "n2-standard-8", 8, 32, "europe-west1-b"),
        new("gke-prod-eu-default-pool-5f1c2a7e-7hxm", "default-pool", "n2-standard-8", 8, 32, "europe-west1-b"),
        new("gke-prod-eu-default-pool-9a3e81d0-c2lp", "default-pool", "n2-standard-8", 8, 32, "europe-west1-c"),
        new("gke-prod-eu-default-pool-9a3e81d0-vv8n", "default-pool", "n2-standard-8", 8, 32, "europe-west1-c"),
        new("gke-prod-eu-highmem-pool-2b7d44c1-k9rt", "highmem-pool", "n2-highmem-4", 4, 32, "europe-west1-b"),
        new("gke-prod-eu-highmem-pool-2b7d44c1-m3ws", "highmem-pool", "n2-highmem-4", 4, 32, "europe-west1-d"),
    ];

    // Compute Engine SKUs (europe-west1). Ids are the Catalog's for these SKUs where known.
    public const string ComputeServiceId = "6F81-5844-456A";
    public const string ComputeService = "Compute Engine";
    public const decimal N2CoreHour = 0.034773m;
    public const decimal N2RamGiBHour = 0.004661m;
    public const decimal E2SpotCoreHour = 0.007350m;
    public const decimal E2SpotRamGiBHour = 0.000985m;
    /// <summary>1-year resource commitment: 37% below on-demand (196.52184 / 249.626615056 per month for n2-standard-8 before SUD).</summary>
    public const decimal CommitmentDiscount = 0.37m;
    /// <summary>vCPUs of N2 committed for one year in the region.</summary>
    public const int CommittedVcpus = 16;
}
