using System.Collections.Concurrent;
using Costs.CostAnalyzer.Alerts;
using Costs.CostAnalyzer.Allocation;
using Costs.CostAnalyzer.Attribution;
using Costs.CostAnalyzer.Recommendations;
using Costs.CostApplication.CostInsights;
using Costs.CostApplication.Stages;
using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Kubernetes;
using Costs.CostIngest.Prices;
using Costs.CostReports.Delivery;
using Costs.CostReports.Email;
using Microsoft.Extensions.Configuration;

namespace Costs.CostApplication.Settings;

/// <summary>
/// Every configuration section, bound, completed with its defaults and validated in one place, for every
/// caller: the verbs, `run`, `serve` and `demo` read their options here and nowhere else. A section is
/// bound on first use; an invalid one throws a <see cref="StageException"/> of kind
/// <see cref="FailureKind.Configuration"/> that lists every problem in it. <see cref="Check"/> lists the
/// problems of every section at once, for `costs config check`.
/// </summary>
public sealed class Settings
{
    private readonly IConfiguration _configuration;
    private readonly AppEnvironment _environment;
    private readonly ConcurrentDictionary<Type, (object Options, IReadOnlyList<string> Errors)> _bound = new();
    private readonly string _storePath;
    private readonly Lazy<IReadOnlyList<string>> _topLevel;

    public const string StoreSection = "Store";

    /// <summary>
    /// Every options section and the class it binds to, in the order `config check` lists their errors: the
    /// one list that the known top-level sections, <see cref="Check"/> and the binding all follow.
    /// </summary>
    private static readonly (string Name, Type Options)[] Catalogue =
    [
        (AttributionOptions.Section, typeof(AttributionOptions)), (AllocationOptions.Section, typeof(AllocationOptions)),
        (KubernetesOptions.Section, typeof(KubernetesOptions)), (BigQueryOptions.Section, typeof(BigQueryOptions)),
        (PricesOptions.Section, typeof(PricesOptions)), (AlertOptions.SectionName, typeof(AlertOptions)),
        (DeliveryOptions.SectionName, typeof(DeliveryOptions)), (EmailOptions.SectionName, typeof(EmailOptions)),
        (ScheduleOptions.SectionName, typeof(ScheduleOptions)), (ReportOptions.Section, typeof(ReportOptions)),
        (RecommendationOptions.SectionName, typeof(RecommendationOptions)), (HttpOptions.Section, typeof(HttpOptions)),
        (CostInsightsOptions.Section, typeof(CostInsightsOptions)),
        (PublishOptions.Section, typeof(PublishOptions)),
    ];

    /// <summary>The top-level sections: the one each options class reads, and Store.</summary>
    public static readonly IReadOnlyList<string> Sections = [StoreSection, .. Catalogue.Select(c => c.Name)];

    public Settings(IConfiguration configuration, AppEnvironment environment, string? storeOverride = null)
    {
        _configuration = configuration;
        _environment = environment;
        _storePath = environment.FullPath(storeOverride ?? configuration["Store:Path"] ?? "costs.db");
        _topLevel = new(() => ConfigurationShape.UnknownSections(configuration, Sections)
            .Concat(ConfigurationShape.Problems(configuration, StoreSection, [typeof(StoreOptions)])).ToList());
    }

    /// <summary>
    /// The store file: --store, else Store:Path, else ./costs.db. An unknown top-level section or Store key
    /// (a misspelled "Stor" would have left the store where it was not wanted) is refused here, so that every
    /// verb that opens the store refuses it.
    /// </summary>
    public string StorePath => _topLevel.Value.Count > 0 ? throw StageException.InvalidConfiguration(_topLevel.Value) : _storePath;

    public AttributionOptions Attribution => Valid<AttributionOptions>();
    public AllocationOptions Allocation => Valid<AllocationOptions>();
    public KubernetesOptions Kubernetes => Valid<KubernetesOptions>();

    /// <summary>
    /// The BigQuery section. Without BigQuery:LabelKeys, a pull keeps every label key the attribution
    /// rules read, so that a BigQuery pull attributes a row as a file load of it does. Validated only
    /// once a table is named (files can be loaded instead).
    /// </summary>
    public BigQueryOptions BigQuery => Valid<BigQueryOptions>();

    public PricesOptions Prices => Valid<PricesOptions>();

    /// <summary>The Alerts section, valid together with the Delivery section its deliveries use.</summary>
    public AlertOptions Alerts => Valid<AlertOptions>();

    public DeliveryOptions Delivery => Valid<DeliveryOptions>();
    public EmailOptions Email => Valid<EmailOptions>();
    public ScheduleOptions Schedules => Valid<ScheduleOptions>();
    public ReportOptions Report => Valid<ReportOptions>();
    public RecommendationOptions Recommendations => Valid<RecommendationOptions>();
    public CostInsightsOptions CostInsights => Valid<CostInsightsOptions>();
    public HttpOptions Http => Valid<HttpOptions>();

    /// <summary>
    /// The bearer token that Http:TokenFile names (read now, so that a rotated secret is seen), or null when
    /// no token is configured. A missing or empty file is a configuration error naming the key.
    /// </summary>
    public string? ReadHttpToken() => Http.TokenFile is { } file
        ? ReadSecret($"{HttpOptions.Section}:TokenFile", _environment.FullPath(file.Trim()))
        : null;

    /// <summary>The Publish section; Publish:BigQuery is validated once any of its table's parts is set.</summary>
    public PublishOptions Publish => Valid<PublishOptions>();

    /// <summary>
    /// Where `run` and `serve` write workbooks: Report:OutputDirectory, else a "reports" folder beside the
    /// store (the store's volume is writable in the cluster).
    /// </summary>
    public string ReportDirectory => Report.OutputDirectory is { Length: > 0 } configured
        ? _environment.FullPath(configured)
        : Path.Combine(Path.GetDirectoryName(StorePath) ?? _environment.WorkingDirectory, "reports");

    /// <summary>Every problem of every section, each named by its path; empty when the configuration is valid.</summary>
    public IReadOnlyList<string> Check()
    {
        var errors = new List<string>(_topLevel.Value);
        foreach (var (_, options) in Catalogue) errors.AddRange(Bound(options).Errors);

        // Secrets are read where they are used (a dry run needs no webhook URL); here, each is tried once.
        if (Bound<AlertOptions>().Options is AlertOptions alerts)
            for (var i = 0; i < alerts.Channels.Count; i++)
                Secret($"{AlertOptions.SectionName}:Channels:{i}:UrlSecret",
                    () => SecretReader.ReadWebhookUrl(alerts.Channels[i].UrlSecret, _environment.Variable), errors);
        if (Bound<EmailOptions>().Options is EmailOptions { IsConfigured: true } email)
        {
            if (!string.IsNullOrWhiteSpace(email.PasswordSecret))
                Secret($"{EmailOptions.SectionName}:PasswordSecret", () => SecretReader.Read(email.PasswordSecret, _environment.Variable), errors);
            if (!string.IsNullOrWhiteSpace(email.AccessTokenSecret))
                Secret($"{EmailOptions.SectionName}:AccessTokenSecret", () => SecretReader.Read(email.AccessTokenSecret, _environment.Variable), errors);
            if (SmtpServerTrust.Check(email.TrustedCaFile) is { } caError) errors.Add(caError);
        }
        if (Bound<HttpOptions>().Options is HttpOptions { TokenFile: { Length: > 0 } tokenFile })
            Secret($"{HttpOptions.Section}:TokenFile", () => SecretReader.Read(_environment.FullPath(tokenFile.Trim()), _environment.Variable), errors);
        return errors.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Reads a secret the configuration names; a missing one is a configuration error naming <paramref name="path"/>.</summary>
    public string ReadSecret(string path, string reference)
    {
        try
        {
            return SecretReader.Read(reference, _environment.Variable);
        }
        catch (SecretException ex)
        {
            throw new StageException(FailureKind.Configuration, $"{path}: {ex.Message}", ex);
        }
    }

    private static void Secret(string path, Func<object> read, List<string> errors)
    {
        try
        {
            read();
        }
        catch (SecretException ex)
        {
            errors.Add($"{path}: {ex.Message}");
        }
    }

    private T Valid<T>() where T : class
    {
        var (options, errors) = Bound<T>();
        if (_topLevel.Value.Count + errors.Count > 0) throw StageException.InvalidConfiguration([.. _topLevel.Value, .. errors]);
        return (T)options;
    }

    private (object Options, IReadOnlyList<string> Errors) Bound<T>() where T : class => Bound(typeof(T));

    private (object Options, IReadOnlyList<string> Errors) Bound(Type options) => _bound.GetOrAdd(options, Bind);

    private (object Options, IReadOnlyList<string> Errors) Bind(Type options) => options switch
    {
        var t when t == typeof(AttributionOptions) => Section(AttributionOptions.Section, new AttributionOptions(), o => o.Validate()),
        // The split keys lived under Kubernetes until 2026-11: read there first, the Allocation section wins.
        var t when t == typeof(AllocationOptions) => Section(AllocationOptions.Section, new AllocationOptions(), o => o.Validate(),
            legacy: KubernetesOptions.Section),
        var t when t == typeof(KubernetesOptions) => Section(KubernetesOptions.Section, new KubernetesOptions(), o => o.Validate(),
            alsoKnown: typeof(AllocationOptions)),
        var t when t == typeof(BigQueryOptions) => Section(BigQueryOptions.Section, new BigQueryOptions(), o =>
        {
            if (o.LabelKeys is not { Count: > 0 } && Bound<AttributionOptions>().Options is AttributionOptions attribution)
                o.LabelKeys = AttributionLabelKeys(attribution);
            return string.IsNullOrWhiteSpace(o.Table) ? [] : o.Validate();
        }),
        var t when t == typeof(PricesOptions) => Section(PricesOptions.Section, new PricesOptions(), o => o.Validate()),
        var t when t == typeof(AlertOptions) => Section(AlertOptions.SectionName, new AlertOptions(),
            o => o.Validate().Concat(Bound<DeliveryOptions>().Errors).ToList()),
        var t when t == typeof(DeliveryOptions) => Section(DeliveryOptions.SectionName, new DeliveryOptions(), o => o.Validate()),
        var t when t == typeof(EmailOptions) => Section(EmailOptions.SectionName, new EmailOptions(), o => o.Validate()),
        var t when t == typeof(ScheduleOptions) => Section(ScheduleOptions.SectionName, new ScheduleOptions(),
            o => o.Validate(Bound<EmailOptions>().Options as EmailOptions)),
        var t when t == typeof(ReportOptions) => Section(ReportOptions.Section, new ReportOptions(), o => o.Validate()),
        var t when t == typeof(RecommendationOptions) => Section(RecommendationOptions.SectionName, new RecommendationOptions(), o => o.Validate()),
        var t when t == typeof(HttpOptions) => Section(HttpOptions.Section, new HttpOptions(), o => o.Validate()),
        var t when t == typeof(CostInsightsOptions) => Section(CostInsightsOptions.Section, new CostInsightsOptions(), o => o.Validate()),
        var t when t == typeof(PublishOptions) => Section(PublishOptions.Section, new PublishOptions(), o => o.Validate()),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options, "Not a configuration section."),
    };

    /// <param name="legacy">A section read first, for the keys of <typeparamref name="T"/> that lived there.</param>
    /// <param name="alsoKnown">Another class whose keys this section may hold (the legacy keys of another section).</param>
    private (object Options, IReadOnlyList<string> Errors) Section<T>(string name, T options, Func<T, IReadOnlyList<string>> complete,
        string? legacy = null, Type? alsoKnown = null)
        where T : class
    {
        var shape = ConfigurationShape.Problems(_configuration, name, alsoKnown is null ? [typeof(T)] : [typeof(T), alsoKnown]);
        if (legacy is not null) shape = [.. shape, .. ConfigurationShape.Problems(_configuration, legacy, [typeof(T)], ignoreUnknown: true)];
        if (shape.Count > 0) return (options, shape);
        try
        {
            if (legacy is not null) OptionsBinder.Bind(_configuration, legacy, options);
            var bound = OptionsBinder.Bind(_configuration, name, options);
            return (bound, complete(bound));
        }
        catch (InvalidOperationException ex)
        {
            // The binder could not convert a value (a word where a number or a duration is wanted).
            return (options, [$"{name}: {ex.Message}"]);
        }
    }

    /// <summary>
    /// The label keys a BigQuery pull keeps when BigQuery:LabelKeys is not configured: every key the
    /// attribution rules read. With the default attribution options these are <see cref="BigQueryOptions.DefaultLabelKeys"/>.
    /// </summary>
    internal static List<string> AttributionLabelKeys(AttributionOptions attribution)
    {
        var keys = attribution.ServiceLabels.Concat(attribution.TeamLabels).Concat(attribution.EnvironmentLabels)
            .Distinct(StringComparer.Ordinal).ToList();
        if (attribution.UseGkeLabels) keys.AddRange(keys.Select(k => Attributor.GkeLabelPrefix + k).ToList());
        keys.AddRange([Attributor.GkeNamespaceLabel, Attributor.GkeClusterLabel, "goog-k8s-node-pool-name"]);
        return keys.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The Store section: where the store file is.</summary>
    private sealed class StoreOptions
    {
        public string? Path { get; set; }
    }
}
