using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static Costs.CostIngest.Sample.SampleOrganisation;

namespace Costs.CostIngest.Sample;

/// <summary>What to generate: the days (half-open), how many services, and the seed.</summary>
public sealed record SampleOptions(DateOnly Start, DateOnly EndExclusive, int ServiceCount = 14, int Seed = 42)
{
    /// <summary>A big organisation's GKE fleet whose node VMs are billed too, hourly per node. Default: none.</summary>
    public SampleFleet Fleet { get; init; } = SampleFleet.None;

    /// <summary>The day of the one-day spike: a runaway BigQuery job of analytics-pipeline. Default: the last day.</summary>
    public DateOnly SpikeDay { get; init; } = EndExclusive.AddDays(-1);
}

/// <summary>
/// Writes hourly Cloud Billing export rows for <see cref="SampleOrganisation"/> as newline-delimited
/// JSON, in the shape `bq extract` gives the detailed export. Deterministic for the same options.
/// It has sustained-use and committed-use credits, a commitment fee SKU, a one-month promotion
/// credit, a staging cluster with GKE cost-allocation labels (and its kube:unallocated idle), a
/// production cluster without them, unlabelled resources and a one-day spike.
/// </summary>
public static class SampleBillingGenerator
{
    public static long Write(Stream output, SampleOptions options)
    {
        if (options.EndExclusive <= options.Start) throw new ArgumentException("The range holds no day.");
        if (options.ServiceCount < 1) throw new ArgumentException("At least one service is needed.");
        var services = ServiceList(options.ServiceCount);
        var random = new Random(options.Seed);
        var writer = new RowWriter(output);
        var firstMonth = new DateOnly(options.Start.Year, options.Start.Month, 1);
        var promotionMonth = firstMonth.AddMonths(1);
        long rows = 0;
        for (var day = options.Start; day < options.EndExclusive; day = day.AddDays(1))
        {
            var growth = 1m + 0.03m * ((day.Year - options.Start.Year) * 12 + day.Month - options.Start.Month);
            var promotion = day.Year == promotionMonth.Year && day.Month == promotionMonth.Month;
            for (var hour = 0; hour < 24; hour++)
            {
                var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
                var traffic = Traffic(start) * growth;
                var h = new Hour(writer, start, random);
                rows += ProductionNodes(h, day);
                rows += StagingNodes(h, services);
                rows += Managed(h, services, traffic, day == options.SpikeDay, promotion);
                rows += Unlabelled(h, traffic);
                rows += FleetNodes(h, options.Fleet, day);
            }
        }
        writer.Flush();
        return rows;
    }

    /// <summary>How many rows one day of <paramref name="options"/> has (the first day's count, found by writing it to nowhere).</summary>
    public static long RowsPerDay(SampleOptions options) =>
        Write(Stream.Null, options with { EndExclusive = options.Start.AddDays(1), SpikeDay = options.Start.AddDays(1) });

    private static List<SampleService> ServiceList(int count) => Enumerable.Range(0, count).Select(Service).ToList();

    /// <summary>The service at <paramref name="index"/>: the sample organisation's first 14, then generated ones owned by 280 teams.</summary>
    internal static SampleService Service(int index) => index < Services.Count
        ? Services[index]
        : new SampleService($"service-{index + 1:D4}", $"team-{index % 280 + 1:D3}", $"ns-{index % 97 + 1:D2}", 0.2m + index % 7 * 0.1m);

    /// <summary>Load over the day and week: a daytime peak, quieter nights and weekends, always above zero.</summary>
    private static decimal Traffic(DateTimeOffset t)
    {
        decimal[] byHour = [0.45m, 0.40m, 0.38m, 0.37m, 0.38m, 0.42m, 0.55m, 0.72m, 0.88m, 0.98m, 1.05m, 1.10m,
            1.12m, 1.12m, 1.15m, 1.20m, 1.25m, 1.30m, 1.32m, 1.28m, 1.15m, 0.95m, 0.75m, 0.58m];
        var weekend = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.72m : 1m;
        return byHour[t.Hour] * weekend;
    }

    private static decimal SustainedUseRate(DateOnly day) =>
        // Sustained use grows through the month: 0%, 10%, 20%, 30% of the uncovered cost by quarter.
        ((day.Day - 1) * 4 / DateTime.DaysInMonth(day.Year, day.Month)) * 0.10m;

    private static int ProductionNodes(Hour h, DateOnly day)
    {
        var labelsBase = new[] { ("goog-k8s-cluster-name", ProdCluster) };
        var sud = SustainedUseRate(day);
        var rows = 0;
        var defaultPoolVcpus = ProdNodes.Where(n => n.Pool == "default-pool").Sum(n => n.Vcpus);
        foreach (var node in ProdNodes)
        {
            var labels = labelsBase.Append(("goog-k8s-node-pool-name", node.Pool)).ToArray();
            var resource = new Resource(node.Name, $"//compute.googleapis.com/projects/{ProdProject}/zones/{node.Zone}/instances/{node.Name}");
            var coreCost = node.Vcpus * N2CoreHour;
            var covered = node.Pool == "default-pool" ? Round(coreCost * CommittedVcpus / defaultPoolVcpus) : 0m;
            var coreCredits = new List<Credit>();
            if (covered > 0) coreCredits.Add(new Credit("COMMITTED_USAGE_DISCOUNT", -covered, "Committed Usage Discount: CPU", "CUD"));
            if (sud > 0) coreCredits.Add(new Credit("SUSTAINED_USAGE_DISCOUNT", -Round((coreCost - covered) * sud), "Sustained Usage Discount", "SUD"));
            h.Row(ProdProject, ComputeServiceId, ComputeService, "N2 Instance Core running in Belgium", node.Zone, labels,
                coreCost, coreCredits, node.Vcpus * 3600m, "seconds", node.Vcpus, "hour", resource);
            var ramCost = node.MemoryGiB * N2RamGiBHour;
            var ramCredits = sud > 0 ? new List<Credit> { new("SUSTAINED_USAGE_DISCOUNT", -Round(ramCost * sud), "Sustained Usage Discount", "SUD") } : [];
            h.Row(ProdProject, ComputeServiceId, ComputeService, "N2 Instance Ram running in Belgium", node.Zone, labels,
                ramCost, ramCredits, node.MemoryGiB * 1073741824m * 3600m, "byte-seconds", node.MemoryGiB, "gibibyte hour", resource);
            rows += 2;
        }
        // The 1-year commitment's fee, billed every hour whether used or not.
        var fee = Round(CommittedVcpus * N2CoreHour * (1m - CommitmentDiscount));
        h.Row(ProdProject, ComputeServiceId, ComputeService, "Commitment v1: N2 Cpu in Europe for 1 Year", null, [],
            fee, [], CommittedVcpus * 3600m, "seconds", CommittedVcpus, "hour", null);
        return rows + 1;
    }

    /// <summary>The fleet's node VMs: a core and a RAM row per node and hour, with sustained use, labelled as GKE labels them.</summary>
    private static int FleetNodes(Hour h, SampleFleet fleet, DateOnly day)
    {
        var sud = SustainedUseRate(day);
        var rows = 0;
        foreach (var cluster in fleet.Clusters)
        {
            var place = SampleFleet.SkuName(cluster.Region);
            foreach (var node in cluster.Nodes)
            {
                (string, string)[] labels = [("goog-k8s-cluster-name", node.Cluster), ("goog-k8s-node-pool-name", node.Pool)];
                var resource = new Resource(node.Name, $"//compute.googleapis.com/projects/{node.Project}/zones/{node.Zone}/instances/{node.Name}");
                var coreCost = node.Vcpus * N2CoreHour;
                var coreCredits = sud > 0 ? new List<Credit> { new("SUSTAINED_USAGE_DISCOUNT", -Round(coreCost * sud), "Sustained Usage Discount", "SUD") } : [];
                h.Row(node.Project, ComputeServiceId, ComputeService, $"N2 Instance Core running in {place}", node.Zone, labels,
                    coreCost, coreCredits, node.Vcpus * 3600m, "seconds", node.Vcpus, "hour", resource, node.Region);
                var ramCost = node.MemoryGiB * N2RamGiBHour;
                var ramCredits = sud > 0 ? new List<Credit> { new("SUSTAINED_USAGE_DISCOUNT", -Round(ramCost * sud), "Sustained Usage Discount", "SUD") } : [];
                h.Row(node.Project, ComputeServiceId, ComputeService, $"N2 Instance Ram running in {place}", node.Zone, labels,
                    ramCost, ramCredits, node.MemoryGiB * 1073741824m * 3600m, "byte-seconds", node.MemoryGiB, "gibibyte hour", resource, node.Region);
                rows += 2;
            }
        }
        return rows;
    }

    private static int StagingNodes(Hour h, List<SampleService> services)
    {
        // Staging: 4 spot e2-standard-4 nodes (16 vCPU, 64 GiB) with GKE cost allocation enabled, so the
        // export itself splits node cost by namespace and pod label. What no pod requested is kube:unallocated.
        const int vcpus = 16, ram = 64;
        var tenants = services.Where(s => s.Name is "checkout" or "storefront-web" or "catalog" or "recommendations").ToList();
        var shares = tenants.Select(s => (Namespace: s.Namespace, App: (string?)s.Name, Share: 0.11m + s.Size * 0.05m)).ToList();
        shares.Add(("kube:system-overhead", null, 0.08m));
        shares.Add(("kube:unallocated", null, 1m - shares.Sum(s => s.Share)));
        foreach (var (ns, app, share) in shares)
        {
            var labels = new List<(string, string)> { ("goog-k8s-cluster-name", StagingCluster), ("k8s-namespace", ns) };
            if (app is not null) labels.Add(("k8s-label/app", app));
            var arr = labels.ToArray();
            h.Row(StagingProject, ComputeServiceId, ComputeService, "Spot Preemptible E2 Instance Core running in Belgium", "europe-west1-b", arr,
                Round(vcpus * share * E2SpotCoreHour), [], Round(vcpus * share * 3600m), "seconds", Round(vcpus * share), "hour", null);
            h.Row(StagingProject, ComputeServiceId, ComputeService, "Spot Preemptible E2 Instance Ram running in Belgium", "europe-west1-b", arr,
                Round(ram * share * E2SpotRamGiBHour), [], Round(ram * share * 1073741824m * 3600m), "byte-seconds", Round(ram * share), "gibibyte hour", null);
        }
        return shares.Count * 2;
    }

    private static int Managed(Hour h, List<SampleService> services, decimal traffic, bool spike, bool promotion)
    {
        var rows = 0;
        foreach (var s in services)
        {
            var labels = new[] { ("app", s.Name), ("team", s.Team), ("env", "prod") };
            var (service, serviceId, sku, unit, rate, shaped, project) = s.Name switch
            {
                "checkout" or "payments-api" or "catalog" => ("Cloud SQL", "9662-B51E-5089", "Cloud SQL for PostgreSQL: Zonal - vCPU in Belgium", "hour", 0.0413m * 4, false, ProdProject),
                "cart" => ("Cloud Memorystore for Redis", "5AF5-2C11-D467", "Redis Capacity Standard M3 Belgium", "gibibyte hour", 0.054m * 6, false, ProdProject),
                "email-campaigns" or "recommendations" => ("Cloud Run", "152E-C115-5142", "CPU Allocation Time (tier 1)", "vCPU-second", 0.000024m * 3600 * 6, true, ProdProject),
                "event-ingest" => ("Cloud Pub/Sub", "A1E8-BE35-7EBC", "Message Delivery Basic", "tebibyte", 40m * 0.0042m, true, DataProject),
                "storefront-web" => ("Networking", "E505-1604-58F8", "Network Load Balancing: Forwarding Rule Minimum Service Charge in Belgium", "hour", 0.025m * 5 + 0.09m, true, ProdProject),
                "analytics-pipeline" or "reporting" => ("BigQuery", "24E6-581D-38E5", "Analysis", "tebibyte", 6.25m * 0.055m, true, DataProject),
                "ci-runners" => ("Compute Engine", ComputeServiceId, "E2 Instance Core running in Belgium", "hour", 0.0218m * 24, true, SharedProject),
                "fraud-check" => ("Vertex AI", "C7E2-9256-1C43", "Online Prediction: n1-standard-4 in Belgium", "hour", 0.2185m, false, ProdProject),
                "observability" => ("Cloud Logging", "5490-F7B7-8DF6", "Log Volume", "gibibyte", 0.50m * 0.35m, true, SharedProject),
                "search" => ("Cloud Storage", "95FF-2EF5-5EA1", "Standard Storage Belgium", "gibibyte month", 0.020m * 900m / 730m, false, ProdProject),
                _ => ("Cloud Run", "152E-C115-5142", "CPU Allocation Time (tier 1)", "vCPU-second", 0.000024m * 3600 * 2, true, ProdProject),
            };
            var load = shaped ? traffic : 1m;
            var amount = s.Size * load * h.Noise();
            if (spike && s.Name == "analytics-pipeline") amount *= 16m;
            if (s.Name == "ci-runners" && (h.Start.Hour < 7 || h.Start.Hour > 19 || h.Start.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)) amount *= 0.1m;
            var cost = Round(amount * rate);
            var credits = promotion && service == "Cloud Run"
                ? new List<Credit> { new("PROMOTION", -cost, "Cloud Run launch promotion", "promo-cloud-run-2026") }
                : [];
            h.Row(project, serviceId, service, sku, null, labels, cost, credits, Round(amount), unit, Round(amount), unit, null);
            rows++;
            if (s.Name is "storefront-web" or "reporting" or "observability")
            {
                h.Row(project, "95FF-2EF5-5EA1", "Cloud Storage", "Standard Storage Belgium", null, labels,
                    Round(s.Size * 0.020m * 2400m / 730m), [], Round(s.Size * 2400m), "gibibyte month", Round(s.Size * 2400m / 730m), "gibibyte month", null);
                rows++;
            }
        }
        return rows;
    }

    private static int Unlabelled(Hour h, decimal traffic)
    {
        // Nobody labelled these: an old FTP VM, a backups bucket and the production project's egress.
        h.Row(SharedProject, ComputeServiceId, ComputeService, "E2 Instance Core running in Belgium", "europe-west1-d", [],
            0.0218m * 2, [new Credit("SUSTAINED_USAGE_DISCOUNT", -0.004360m, "Sustained Usage Discount", "SUD")], 7200m, "seconds", 2m, "hour",
            new Resource("legacy-ftp", $"//compute.googleapis.com/projects/{SharedProject}/zones/europe-west1-d/instances/legacy-ftp"));
        h.Row(SharedProject, ComputeServiceId, ComputeService, "E2 Instance Ram running in Belgium", "europe-west1-d", [],
            0.002923m * 4, [], 4m * 1073741824m * 3600m, "byte-seconds", 4m, "gibibyte hour",
            new Resource("legacy-ftp", $"//compute.googleapis.com/projects/{SharedProject}/zones/europe-west1-d/instances/legacy-ftp"));
        h.Row(SharedProject, "95FF-2EF5-5EA1", "Cloud Storage", "Nearline Storage Belgium", null, [],
            Round(0.010m * 12000m / 730m), [], 12000m, "gibibyte month", Round(12000m / 730m), "gibibyte month", null);
        h.Row(ProdProject, ComputeServiceId, ComputeService, "Network Internet Egress from Belgium to Americas", null, [],
            Round(0.085m * 9m * traffic * h.Noise()), [], Round(9m * traffic), "gibibyte", Round(9m * traffic), "gibibyte", null);
        return 4;
    }

    private static decimal Round(decimal d) => Math.Round(d, 6, MidpointRounding.ToEven);

    private sealed record Credit(string Type, decimal Amount, string Name, string Id);

    private sealed record Resource(string Name, string GlobalName);

    /// <summary>One usage hour: writes its rows with the shared timestamps.</summary>
    private sealed class Hour(RowWriter writer, DateTimeOffset start, Random random)
    {
        public DateTimeOffset Start { get; } = start;

        /// <summary>±6% noise, in whole per-mille steps so the result stays a short decimal.</summary>
        public decimal Noise() => 1m + (random.Next(-60, 61) / 1000m);

        public void Row(string project, string serviceId, string service, string sku, string? zone, (string, string)[] labels,
            decimal cost, List<Credit> credits, decimal usage, string unit, decimal pricingUsage, string pricingUnit, Resource? resource,
            string region = Region) =>
            writer.Write(Start, random.Next(60, 360), project, serviceId, service, sku, zone, region, labels, Round(cost), credits, usage, unit,
                pricingUsage, pricingUnit, resource);
    }

    /// <summary>Writes rows as `bq extract` would: INT64 as strings, FLOAT as numbers, UTC timestamps.</summary>
    private sealed class RowWriter(Stream output)
    {
        private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { SkipValidation = true });
        private static readonly byte[] NewLine = "\n"u8.ToArray();

        public void Write(DateTimeOffset start, int exportDelayMinutes, string project, string serviceId, string service, string sku,
            string? zone, string region, (string Key, string Value)[] labels, decimal cost, List<Credit> credits, decimal usage, string unit,
            decimal pricingUsage, string pricingUnit, Resource? resource)
        {
            var w = _json;
            w.WriteStartObject();
            w.WriteString("billing_account_id", BillingAccount);
            w.WriteStartObject("service"); w.WriteString("id", serviceId); w.WriteString("description", service); w.WriteEndObject();
            w.WriteStartObject("sku"); w.WriteString("id", SkuId(sku)); w.WriteString("description", sku); w.WriteEndObject();
            w.WriteString("usage_start_time", Timestamp(start));
            w.WriteString("usage_end_time", Timestamp(start.AddHours(1)));
            w.WriteStartObject("project");
            w.WriteString("id", project);
            w.WriteString("number", ProjectNumber(project));
            w.WriteString("name", project);
            w.WriteStartArray("labels");
            w.WriteStartObject(); w.WriteString("key", "cost-center"); w.WriteString("value", project == SharedProject ? "platform" : "shop"); w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("ancestry_numbers", "/123456789012/" + ProjectNumber(project) + "/");
            w.WriteEndObject();
            w.WriteStartArray("labels");
            foreach (var (k, v) in labels) { w.WriteStartObject(); w.WriteString("key", k); w.WriteString("value", v); w.WriteEndObject(); }
            w.WriteEndArray();
            w.WriteStartArray("system_labels");
            w.WriteEndArray();
            w.WriteStartObject("location");
            w.WriteString("location", zone ?? region);
            w.WriteString("country", Country(region));
            w.WriteString("region", region);
            if (zone is null) w.WriteNull("zone"); else w.WriteString("zone", zone);
            w.WriteEndObject();
            w.WriteStartObject("resource");
            if (resource is null) { w.WriteNull("name"); w.WriteNull("global_name"); }
            else { w.WriteString("name", resource.Name); w.WriteString("global_name", resource.GlobalName); }
            w.WriteEndObject();
            w.WriteString("export_time", Timestamp(start.AddHours(1).AddMinutes(exportDelayMinutes), micros: true));
            w.WriteNumber("cost", cost);
            w.WriteString("currency", "USD");
            w.WriteNumber("currency_conversion_rate", 1);
            w.WriteStartObject("usage");
            w.WriteNumber("amount", usage);
            w.WriteString("unit", unit);
            w.WriteNumber("amount_in_pricing_units", pricingUsage);
            w.WriteString("pricing_unit", pricingUnit);
            w.WriteEndObject();
            w.WriteStartArray("credits");
            foreach (var c in credits)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteNumber("amount", c.Amount);
                w.WriteString("full_name", c.Name);
                w.WriteString("id", c.Id);
                w.WriteString("type", c.Type);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("invoice"); w.WriteString("month", start.ToString("yyyyMM", CultureInfo.InvariantCulture)); w.WriteEndObject();
            w.WriteString("cost_type", "regular");
            w.WriteNumber("cost_at_list", cost);
            w.WriteEndObject();
            w.Flush();
            w.Reset();
            output.Write(NewLine);
        }

        public void Flush() => output.Flush();

        private static string Country(string region) => region switch
        {
            "us-central1" => "US",
            "asia-southeast1" => "SG",
            _ => "BE",
        };

        private static string Timestamp(DateTimeOffset t, bool micros = false) =>
            t.UtcDateTime.ToString(micros ? "yyyy-MM-dd HH:mm:ss.ffffff 'UTC'" : "yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

        // Hashed once per name: at a million rows the hashing would be most of the generator's time.
        private readonly Dictionary<string, string> _projectNumbers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _skuIds = new(StringComparer.Ordinal);

        private string ProjectNumber(string project)
        {
            if (!_projectNumbers.TryGetValue(project, out var number)) _projectNumbers[project] = number = HashProjectNumber(project);
            return number;
        }

        private string SkuId(string description)
        {
            if (!_skuIds.TryGetValue(description, out var id)) _skuIds[description] = id = HashSkuId(description);
            return id;
        }

        private static string HashProjectNumber(string project) =>
            (BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(project))) % 900_000_000_000UL + 100_000_000_000UL).ToString(CultureInfo.InvariantCulture);

        private static string HashSkuId(string description)
        {
            var hex = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(description)));
            return $"{hex[..4]}-{hex[4..8]}-{hex[8..12]}";
        }
    }
}
