using System.Text.Json;
using Costs.CostIngest.Google;
using Costs.CostModel.Prices;
using Costs.CostModel.Store;

namespace Costs.CostIngest.Prices;

/// <summary>What <c>costs prices</c> stored.</summary>
public sealed record PricesResult(int Skus, IReadOnlyList<MachinePrice> Prices, IReadOnlyList<SkippedSku> Skipped, IReadOnlyList<string> Duplicates);

/// <summary>
/// <c>costs prices</c>: Compute Engine SKUs from the Catalog (or a saved response), parsed into hourly
/// rates per region × machine family × resource × variant × usage type, stored as one snapshot.
/// </summary>
public static class PricesIngest
{
    /// <summary>Reads every SKU from the Catalog and stores the rates.</summary>
    public static async Task<PricesResult> RunAsync(ICatalogClient catalog, CostStore store, TimeProvider clock, CancellationToken ct)
    {
        var skus = new List<JsonElement>();
        await foreach (var sku in catalog.ListSkusAsync(PricesOptions.ComputeEngineServiceId, ct)) skus.Add(sku);
        return await SaveAsync(skus, store, clock, ct);
    }

    /// <summary>Loads a saved Catalog response (one page, <c>{"skus":[…]}</c>) from <paramref name="path"/>.</summary>
    public static async Task<PricesResult> RunFromFileAsync(string path, CostStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        return await SaveAsync(CatalogPage.Skus(doc.RootElement).ToList(), store, clock, ct);
    }

    /// <summary>Parses SKUs into rates. Pure. The first SKU for a key wins; later ones are reported as duplicates.</summary>
    public static PricesResult Compute(IReadOnlyList<JsonElement> skus)
    {
        var prices = new List<MachinePrice>();
        var seen = new Dictionary<(string, string, MachineResource, MachineVariant, PriceUsageType), string>();
        var skipped = new List<SkippedSku>();
        var duplicates = new List<string>();
        foreach (var sku in skus)
        {
            var (rates, skip) = SkuParser.Parse(sku);
            if (skip is not null) skipped.Add(skip);
            foreach (var p in rates)
            {
                var key = (p.Region, p.MachineFamily, p.Resource, p.Variant, p.UsageType);
                if (seen.TryGetValue(key, out var first))
                {
                    duplicates.Add($"{p.SkuId} ({p.SkuDescription}) has the same {p.Region}/{p.MachineFamily}/{p.Resource.ToText()}/{p.Variant.ToText()}/{p.UsageType} as {first}; kept {first}");
                    continue;
                }
                seen[key] = p.SkuId;
                prices.Add(p);
            }
        }
        return new PricesResult(skus.Count, prices, skipped, duplicates);
    }

    private static async Task<PricesResult> SaveAsync(IReadOnlyList<JsonElement> skus, CostStore store, TimeProvider clock, CancellationToken ct)
    {
        var result = Compute(skus);
        if (result.Prices.Count == 0)
            throw new GoogleApiException(GoogleApiError.BadResponse, 0,
                $"None of the {skus.Count} SKUs is a Compute Engine vCPU, RAM or GPU rate; the stored prices were kept.");
        await store.ReplacePricesAsync(result.Prices, clock.GetUtcNow(), ct);
        return result;
    }
}
