using System.CommandLine;
using System.Text.Json;
using Costs.CostIngest.Google;
using Costs.CostIngest.Prices;
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
            var options = context.Options<PricesOptions>(PricesOptions.Section);
            var errors = options.Validate();
            if (errors.Count > 0) throw new CliException(ExitCodes.Usage, string.Join(" ", errors));
            var store = await context.StoreAsync(ct);
            PricesResult result;
            try
            {
                if (parse.GetValue(file) is { } path)
                {
                    var full = context.Environment.FullPath(path);
                    if (!File.Exists(full)) throw new CliException(ExitCodes.Usage, $"Price file not found: {full}");
                    result = await PricesIngest.RunFromFileAsync(full, store, context.Clock, ct);
                }
                else
                {
                    using var http = new HttpClient { Timeout = options.HttpTimeout };
                    var client = new CatalogRestClient(http,
                        IngestBigQueryVerb.TokenSource(context.Environment, ApplicationDefaultTokenSource.CloudBillingReadScope),
                        options, context.Clock);
                    result = await PricesIngest.RunAsync(client, store, context.Clock, ct);
                }
            }
            catch (GoogleApiException ex)
            {
                throw new CliException(ExitCodes.External, ex.Message, ex);
            }
            catch (JsonException ex)
            {
                throw new CliException(ExitCodes.BadInput, $"The price file is not a Catalog response: {ex.Message}", ex);
            }
            var byType = string.Join(", ", result.Prices.GroupBy(p => p.UsageType).OrderBy(g => g.Key)
                .Select(g => $"{g.Key.ToText()} {g.Count()}"));
            await context.Out.WriteLineAsync(
                $"Prices: {result.Prices.Count} hourly rates from {result.Skus} SKUs ({byType}); {result.Skipped.Count} SKUs are not machine rates; {result.Duplicates.Count} duplicates ignored.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
