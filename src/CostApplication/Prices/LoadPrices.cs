using System.Text.Json;
using Costs.CostApplication.Stages;
using Costs.CostIngest.Google;
using Costs.CostIngest.Prices;
using Costs.CostModel.Store;

namespace Costs.CostApplication.Prices;

/// <summary>
/// The prices use case: Compute Engine hourly rates (on-demand, spot, 1- and 3-year commitments) per
/// region, machine family and resource, from the Cloud Billing Catalog or from a saved Catalog response,
/// replacing the stored price list.
/// </summary>
public sealed class LoadPrices(CostStore store, PricesOptions options, IAccessTokenSource tokens, TimeProvider clock)
{
    /// <param name="file">A saved Catalog response (services/6F81-5844-456A/skus JSON); null calls the API.</param>
    public async Task<PricesResult> RunAsync(string? file, CancellationToken ct)
    {
        try
        {
            if (file is not null)
            {
                if (!File.Exists(file)) throw new StageException(FailureKind.Configuration, $"Price file not found: {file}");
                return await PricesIngest.RunFromFileAsync(file, store, clock, ct);
            }
            using var http = new HttpClient { Timeout = options.HttpTimeout };
            return await PricesIngest.RunAsync(new CatalogRestClient(http, tokens, options, clock), store, clock, ct);
        }
        catch (GoogleApiException ex)
        {
            throw new StageException(FailureKind.External, ex.Message, ex);
        }
        catch (JsonException ex)
        {
            throw new StageException(FailureKind.BadInput, $"The price file is not a Catalog response: {ex.Message}", ex);
        }
    }
}
