using Microsoft.Extensions.Configuration;

namespace Costs.Configuration;

/// <summary>
/// Loads configuration: the JSON file (from --config, else COSTS_CONFIG, else ./costs.json when it
/// exists), then environment variables with the prefix <c>COSTS_</c> (<c>COSTS_Store__Path</c>), which win.
/// A secret may also be given as <c>NAME_FILE</c>, the path of a mounted file that holds it.
/// </summary>
public static class CostsConfiguration
{
    public const string EnvironmentPrefix = "COSTS_";

    public static IConfigurationRoot Load(string? configPath, Cli.CliEnvironment env)
    {
        var builder = new ConfigurationBuilder();
        var path = configPath ?? env.Variable("COSTS_CONFIG");
        if (path is not null)
        {
            var full = env.FullPath(path);
            if (!File.Exists(full))
                throw new Cli.CliException(Cli.ExitCodes.Usage, $"Configuration file not found: {full}");
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        else
        {
            var local = env.FullPath("costs.json");
            if (File.Exists(local)) builder.AddJsonFile(local, optional: false, reloadOnChange: false);
        }
        var vars = env.Variables
            // Only COSTS_Section__Key is configuration: every setting lives in a section, and COSTS_CONFIG or a
            // secret such as COSTS_GOOGLE_ACCESS_TOKEN is read where it is used, not bound.
            .Where(kv => kv.Key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) && kv.Key.Contains("__", StringComparison.Ordinal))
            .Select(kv => KeyValuePair.Create(kv.Key[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value));
        builder.AddInMemoryCollection(vars);
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw new Cli.CliException(Cli.ExitCodes.Usage, $"Configuration file {path} is not valid JSON: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        catch (FormatException ex)
        {
            throw new Cli.CliException(Cli.ExitCodes.Usage, $"Configuration file {path} is not valid JSON: {ex.Message}", ex);
        }
    }
}
