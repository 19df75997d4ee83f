using Costs.CostApplication;
using Costs.CostModel.Allocation;
using Costs.CostModel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Costs.CostWeb.Tests;

/// <summary>A clock that always says the same instant.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// The web part of `costs serve` on Kestrel at 127.0.0.1 (port 0), over a real SQLite store in a temp
/// folder, with the configuration given as JSON; every request gets its own <see cref="CostsApp"/>, as in
/// `serve`. <see cref="Client"/> speaks HTTP to it over loopback.
/// </summary>
internal sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebServer(string directory, WebApplication app, HttpClient client, AppEnvironment environment, IConfiguration configuration)
    {
        Directory = directory;
        _app = app;
        Client = client;
        Environment = environment;
        Configuration = configuration;
    }

    public string Directory { get; }
    public HttpClient Client { get; }
    public AppEnvironment Environment { get; }
    public IConfiguration Configuration { get; }
    public string StorePath => Path.Combine(Directory, "costs.db");

    /// <summary>Today, for every page: 2026-11-20, 12:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <param name="json">The configuration; <c>Http:Port</c> is set to 0 unless given.</param>
    /// <param name="seed">Rows written to the store before the server starts.</param>
    public static async Task<WebServer> StartAsync(string json = "{}", IReadOnlyList<AllocationRow>? seed = null,
        IReadOnlyList<WorkloadEfficiency>? efficiency = null)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("costs-web-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Http:Port"] = "0" })
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        var environment = new AppEnvironment(new Dictionary<string, string>(), dir, new FixedClock(Now));
        var storePath = Path.Combine(dir, "costs.db");
        if (seed is not null) await SeedAsync(storePath, seed, efficiency ?? []);

        var settings = new CostApplication.Settings.Settings(configuration, environment, storePath);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.AddCostWeb(settings.Http, () => new CostsApp(new CostApplication.Settings.Settings(configuration, environment, storePath), environment));
        var app = builder.Build();
        app.UseCostWeb();
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Addresses().Single()) };
        return new WebServer(dir, app, client, environment, configuration);
    }

    public static async Task SeedAsync(string storePath, IReadOnlyList<AllocationRow> rows, IReadOnlyList<WorkloadEfficiency> efficiency)
    {
        await using var store = await CostStore.OpenAsync(storePath, TimeProvider.System, CancellationToken.None);
        var billed = rows.GroupBy(r => (r.Day, r.Currency, r.InvoiceMonth))
            .Select(g => new BilledDay(g.Key.Day, g.Key.Currency, g.Key.InvoiceMonth, g.Sum(r => r.Cost), g.Sum(r => r.Credits))).ToList();
        var days = rows.Select(r => r.Day).Concat(efficiency.Select(e => e.Day)).Distinct().ToList();
        await store.ReplaceAllocationsAsync(days, rows, billed, efficiency, CancellationToken.None);
    }

    /// <summary>A <see cref="CostsApp"/> over the same configuration and store, for the figures a verb would show.</summary>
    public CostsApp App() => new(new CostApplication.Settings.Settings(Configuration, Environment, StorePath), Environment);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
