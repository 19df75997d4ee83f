using Costs.CostApplication.Alerts;
using Costs.CostApplication.Analyze;
using Costs.CostApplication.Collect;
using Costs.CostApplication.CostInsights;
using Costs.CostApplication.Ingest;
using Costs.CostApplication.Metrics;
using Costs.CostApplication.Pages;
using Costs.CostApplication.Prices;
using Costs.CostApplication.Query;
using Costs.CostApplication.Recommend;
using Costs.CostApplication.Reports;
using Costs.CostIngest.Google;
using Costs.CostModel.Store;

namespace Costs.CostApplication;

/// <summary>
/// One invocation of the application (a verb, a `run`, one `serve` job, the demo): its settings, its
/// environment and its store, opened on first use. Each use case is made here from the settings it
/// needs, so every caller gets the same defaults and the same validation.
/// </summary>
public sealed class CostsApp(Settings.Settings settings, AppEnvironment environment) : IAsyncDisposable
{
    private CostStore? _store;
    private bool _created;

    public Settings.Settings Settings { get; } = settings;
    public AppEnvironment Environment { get; } = environment;
    public TimeProvider Clock => Environment.Clock;

    public async Task<CostStore> StoreAsync(CancellationToken ct)
    {
        if (_store is not null) return _store;
        var path = Settings.StorePath;
        _created = !File.Exists(path);
        return _store = await CostStore.OpenAsync(path, Clock, ct);
    }

    /// <summary>
    /// The store for a use case that only reads: the one already open, else opened read-only when its file or
    /// folder cannot be written (<see cref="CostStore.OpenForReadingAsync"/>).
    /// </summary>
    public async Task<CostStore> ReadingStoreAsync(CancellationToken ct)
    {
        if (_store is not null) return _store;
        var path = Settings.StorePath;
        _created = !File.Exists(path);
        return _store = await CostStore.OpenForReadingAsync(path, Clock, ct);
    }

    /// <summary>
    /// Closes and deletes the store when this invocation created it (the file did not exist before), for a
    /// command that failed: a failed first load leaves no empty store behind.
    /// </summary>
    public async Task DiscardNewStoreAsync()
    {
        if (_store is null || !_created) return;
        var path = _store.Path;
        await _store.DisposeAsync();
        _store = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            File.Delete(file);
    }

    /// <summary>The analysis, publishing the analyzed days when Publish:BigQuery is configured.</summary>
    public Task<AnalyzeDays> AnalyzeAsync(CancellationToken ct) => AnalyzeAsync(publish: true, ct);

    /// <param name="publish">False: analyze only (`run` publishes as a stage of its own).</param>
    public async Task<AnalyzeDays> AnalyzeAsync(bool publish, CancellationToken ct) =>
        new(await StoreAsync(ct), Settings.Attribution, Settings.Allocation, publish ? await PublishAsync(ct) : null);

    /// <summary>The BigQuery publish, or null when Publish:BigQuery is not configured.</summary>
    public async Task<Publish.PublishBigQuery?> PublishAsync(CancellationToken ct) =>
        Settings.Publish.BigQuery.IsConfigured
            ? new(await StoreAsync(ct), Settings.Publish.BigQuery,
                GoogleCredentials.For(Environment, ApplicationDefaultTokenSource.BigQueryReadScope), Clock)
            : null;

    /// <param name="analyze">Analyze the days the load replaced (the usual); false loads only.</param>
    public async Task<IngestFiles> IngestFilesAsync(bool analyze, CancellationToken ct) =>
        new(await StoreAsync(ct), analyze ? await AnalyzeAsync(ct) : null);

    /// <param name="analyze">Analyze the days the pull replaced (the usual); false loads only.</param>
    public async Task<IngestBigQuery> IngestBigQueryAsync(bool analyze, CancellationToken ct) =>
        new(await StoreAsync(ct), Settings.BigQuery, GoogleCredentials.For(Environment, ApplicationDefaultTokenSource.BigQueryReadScope),
            Clock, analyze ? await AnalyzeAsync(ct) : null);

    public async Task<CollectClusters> CollectAsync(CancellationToken ct) =>
        new(await StoreAsync(ct), Settings.Kubernetes, Environment,
            Settings.Kubernetes.Discover.IsConfigured ? GoogleCredentials.For(Environment, ApplicationDefaultTokenSource.CloudPlatformScope) : null);

    public async Task<LoadPrices> PricesAsync(CancellationToken ct) =>
        new(await StoreAsync(ct), Settings.Prices, GoogleCredentials.For(Environment, ApplicationDefaultTokenSource.CloudBillingReadScope), Clock);

    public async Task<QueryCosts> QueryAsync(CancellationToken ct) => new(await ReadingStoreAsync(ct));

    public async Task<Export.ExportFocus> ExportFocusAsync(CancellationToken ct) => new(await ReadingStoreAsync(ct), Settings.Attribution);

    public async Task<RecommendCosts> RecommendAsync(CancellationToken ct) => new(await ReadingStoreAsync(ct), Settings.Recommendations);

    public async Task<CostMetrics> MetricsAsync(CancellationToken ct) => new(await ReadingStoreAsync(ct), await QueryAsync(ct));

    public async Task<ServicePages> ServicePagesAsync(CancellationToken ct) =>
        new(await ReadingStoreAsync(ct), await QueryAsync(ct), await RecommendAsync(ct));

    public Task<AlertRun> AlertsAsync(CancellationToken ct) => AlertsAsync(dryRun: false, ct);

    /// <param name="dryRun">Only render the payloads: the store is only read (and opened read-only where it cannot be written).</param>
    public async Task<AlertRun> AlertsAsync(bool dryRun, CancellationToken ct) =>
        new(dryRun ? await ReadingStoreAsync(ct) : await StoreAsync(ct), Settings.Alerts, Settings.Delivery, Environment);

    /// <summary>The Backstage Cost Insights use case: the store's figures through the query's checks, and the alert rules' judgement (nothing is delivered).</summary>
    public async Task<CostInsightsQuery> CostInsightsAsync(CancellationToken ct) =>
        new(await ReadingStoreAsync(ct), Settings.CostInsights, await AlertsAsync(dryRun: true, ct), Clock);

    public Task<MailReport> ReportAsync(CancellationToken ct) => ReportAsync(email: true, ct);

    /// <param name="email">The report is e-mailed, which records the delivery in the store; without it the store is only read.</param>
    public async Task<MailReport> ReportAsync(bool email, CancellationToken ct)
    {
        var store = email ? await StoreAsync(ct) : await ReadingStoreAsync(ct);
        return new(store, Settings, () => new AlertRun(store, Settings.Alerts, Settings.Delivery, Environment), Clock);
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }
}
