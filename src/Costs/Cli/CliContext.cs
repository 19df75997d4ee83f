using Costs.CostApplication;
using Costs.CostApplication.Settings;
using Costs.CostModel.Store;
using Costs.Configuration;
using Microsoft.Extensions.Configuration;

namespace Costs.Cli;

/// <summary>
/// One invocation's wiring: the terminal it prints to, and the application (settings, environment and
/// store) its use cases run in. This is the only place that decides where things come from.
/// </summary>
public sealed class CliContext : IAsyncDisposable
{
    public CliContext(CliEnvironment environment, IConfiguration configuration, string? storeOverride)
    {
        Environment = environment;
        App = new CostsApp(new Settings(configuration, environment.App, storeOverride), environment.App);
    }

    public CliEnvironment Environment { get; }
    public CostsApp App { get; }
    public Settings Settings => App.Settings;
    public string StorePath => App.Settings.StorePath;
    public TextWriter Out => Environment.Out;
    public TextWriter Error => Environment.Error;
    public TimeProvider Clock => Environment.Clock;

    public static CliContext Create(CliEnvironment environment, string? configPath, string? storeOverride) =>
        new(environment, CostsConfiguration.Load(configPath, environment), storeOverride);

    public Task<CostStore> StoreAsync(CancellationToken ct) => App.StoreAsync(ct);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
