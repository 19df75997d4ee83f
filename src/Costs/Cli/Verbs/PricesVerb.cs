using System.CommandLine;
using Costs.CostModel.Prices;

namespace Costs.Cli.Verbs;

/// <summary>`costs prices [--file PATH]`: Compute Engine hourly rates from the Cloud Billing Catalog.</summary>
internal static class PricesVerb
{
    public static Command Create(CliEnvironment env)
    {
        var file = new Option<string?>("--file")
        {
            Description = "Load a saved Catalog response (services/6F81-5844-456A/skus JSON) instead of calling the API.",
        };
        var command = new Command("prices",
            "Store on-demand, spot and 1-/3-year commitment rates per region, machine family and resource (vCPU, RAM GiB, GPU).");
        command.Options.Add(file);
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async context =>
        {
            var path = parse.GetValue(file) is { } given ? context.Environment.FullPath(given) : null;
            var result = await (await context.App.PricesAsync(ct)).RunAsync(path, ct);
            var byType = string.Join(", ", result.Prices.GroupBy(p => p.UsageType).OrderBy(g => g.Key)
                .Select(g => $"{g.Key.ToText()} {g.Count()}"));
            await context.Out.WriteLineAsync(
                $"Prices: {result.Prices.Count} hourly rates from {result.Skus} SKUs ({byType}); {result.Skipped.Count} SKUs are not machine rates; {result.Duplicates.Count} duplicates ignored.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
