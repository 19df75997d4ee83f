using Costs.CostApplication;
using Costs.CostApplication.Sample;
using Costs.CostIngest.Sample;
using Microsoft.Extensions.Configuration;

namespace Costs.CostApplication.Tests;

/// <summary>
/// An application on a fresh SQLite store in a temp folder, with the configuration given as JSON, and
/// a generated billing export of the sample organisation (10 days, 4 services) beside it.
/// </summary>
internal sealed class AppFixture : IAsyncDisposable
{
    public static readonly DateOnly End = new(2026, 10, 11);

    private AppFixture(string dir, CostsApp app, string export)
    {
        Directory = dir;
        App = app;
        Export = export;
    }

    public string Directory { get; }
    public CostsApp App { get; }
    public string Export { get; }

    public static async Task<AppFixture> CreateAsync(string json = "{}", IReadOnlyDictionary<string, string>? variables = null)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("costs-app-").FullName;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        var environment = new AppEnvironment(variables ?? new Dictionary<string, string>(), dir, TimeProvider.System);
        var app = new CostsApp(new global::Costs.CostApplication.Settings.Settings(configuration, environment, Path.Combine(dir, "costs.db")), environment);
        var export = Path.Combine(dir, "export.jsonl");
        await SampleData.WriteExportAsync(export, new SampleOptions(End.AddDays(-10), End, 4), CancellationToken.None);
        return new AppFixture(dir, app, export);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
