using Costs.CostModel.Store;
using Costs.Configuration;
using Microsoft.Extensions.Configuration;

namespace Costs.Cli;

/// <summary>
/// One invocation's wiring: the environment, the configuration, and the store, opened on first use.
/// This is the only place that decides where things come from.
/// </summary>
public sealed class CliContext : IAsyncDisposable
{
    private CostStore? _store;

    public CliContext(CliEnvironment environment, IConfiguration configuration, string? storeOverride)
    {
        Environment = environment;
        Configuration = configuration;
        StorePath = environment.FullPath(storeOverride ?? configuration["Store:Path"] ?? "costs.db");
    }

    public CliEnvironment Environment { get; }
    public IConfiguration Configuration { get; }
    public string StorePath { get; }
    public TextWriter Out => Environment.Out;
    public TextWriter Error => Environment.Error;
    public TimeProvider Clock => Environment.Clock;

    public static CliContext Create(CliEnvironment environment, string? configPath, string? storeOverride) =>
        new(environment, CostsConfiguration.Load(configPath, environment), storeOverride);

    public async Task<CostStore> StoreAsync(CancellationToken ct) =>
        _store ??= await CostStore.OpenAsync(StorePath, Clock, ct);

    /// <summary>Binds a configuration section to an options object and validates it.</summary>
    public T Options<T>(string section) where T : new()
    {
        try
        {
            return OptionsBinder.Bind<T>(Configuration, section);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Usage, $"Configuration section '{section}': {ex.Message}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }
}
