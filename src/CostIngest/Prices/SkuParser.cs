using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Costs.CostModel.Money;
using Costs.CostModel.Prices;

namespace Costs.CostIngest.Prices;

/// <summary>A Catalog SKU that yields no machine rate, and why (a disk, a licence, an unknown unit, …).</summary>
public sealed record SkippedSku(string SkuId, string Description, string Reason);

/// <summary>What a SKU description says: machine family and resource.</summary>
public sealed record SkuKind(string MachineFamily, MachineResource Resource);

/// <summary>
/// Turns Cloud Billing Catalog SKUs into hourly machine rates. Pure. Money is exact: a unit price is
/// <c>units + nanos / 10^9</c> as decimal; the USD rate is that divided by
/// <c>currencyConversionRate</c>, rounded half-even to 9 decimal places.
/// </summary>
public static partial class SkuParser
{
    // "Commitment v1: E2 Cpu in Americas for 1 Year", "Commitment v1: C3 Ram in … for 3 Year",
    // "Commitment v1: Cpu in Americas for 1 Year" (N1), "Commitment v1: Nvidia Tesla A100 GPU in … for 1 Year".
    [GeneratedRegex(@"^Commitment v1:\s*(?<fam>.*?)\s*(?<res>Cpu|Core|Ram|GPU)\b.*?\bfor (?<years>1|3) Year", RegexOptions.IgnoreCase)]
    private static partial Regex CommitmentRegex();

    // "E2 Instance Core running in Americas", "T2D AMD Instance Ram running in Singapore",
    // "Spot Preemptible N2 Instance Core running in …", "N1 Predefined Instance Core running in …",
    // "Compute optimized Core running in …" (C2), "Memory-optimized Instance Ram running in …" (M1).
    [GeneratedRegex(@"^(?:Spot Preemptible |Preemptible )?(?<fam>.*?)\s*(?:Instance\s+)?(?<res>Core|Ram)\b(?: running| in)", RegexOptions.IgnoreCase)]
    private static partial Regex InstanceRegex();

    // "Nvidia Tesla A100 GPU running in Americas", "Nvidia L4 GPU running in …", "Nvidia A100 80GB GPU running in …".
    [GeneratedRegex(@"^(?:Spot Preemptible |Preemptible )?Nvidia (?:Tesla )?(?<gpu>[A-Za-z0-9]+(?: \d+GB)?)(?: Plus)?(?: GPU)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex GpuRegex();

    [GeneratedRegex(@"^[A-Z][0-9]+[A-Z]?$")]
    private static partial Regex FamilyRegex();

    /// <summary>Machine family and resource from a Compute Engine SKU description, or null.</summary>
    public static SkuKind? Classify(string description, string? resourceGroup)
    {
        if (GpuRegex().Match(description) is { Success: true } g)
            return new SkuKind(g.Groups["gpu"].Value.ToUpperInvariant().Replace(' ', '-'), MachineResource.Gpu);
        if (CommitmentRegex().Match(description) is { Success: true } c)
        {
            var text = c.Groups["fam"].Value;
            if (c.Groups["res"].Value.Equals("GPU", StringComparison.OrdinalIgnoreCase))
                return GpuRegex().Match(text + " GPU") is { Success: true } cg
                    ? new SkuKind(cg.Groups["gpu"].Value.ToUpperInvariant().Replace(' ', '-'), MachineResource.Gpu) : null;
            return Family(text) is { } f ? new SkuKind(f, Resource(c.Groups["res"].Value)) : null;
        }
        if (InstanceRegex().Match(description) is { Success: true } i)
            return Family(i.Groups["fam"].Value) is { } f ? new SkuKind(f, Resource(i.Groups["res"].Value)) : null;
        return null;
    }

    private static MachineResource Resource(string text) =>
        text.Equals("Ram", StringComparison.OrdinalIgnoreCase) ? MachineResource.RamGib : MachineResource.Vcpu;

    private static string? Family(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "N1"; // "Commitment v1: Cpu in …" is the N1 commitment
        if (FamilyRegex().IsMatch(words[0])) return words[0];
        return words[0].ToLowerInvariant() switch
        {
            "predefined" => "N1",
            "custom" => null, // custom machine types have their own (extended) rates; not stored
            "compute" when text.Contains("optimized", StringComparison.OrdinalIgnoreCase) => "C2",
            "memory-optimized" => "M1",
            _ => null,
        };
    }

    /// <summary>Every hourly rate that <paramref name="sku"/> carries: one per service region.</summary>
    public static (IReadOnlyList<MachinePrice> Prices, SkippedSku? Skipped) Parse(JsonElement sku)
    {
        var id = Str(sku, "skuId") ?? "";
        var description = Str(sku, "description") ?? "";
        SkippedSku Skip(string why) => new(id, description, why);

        if (!sku.TryGetProperty("category", out var category)) return ([], Skip("no category"));
        if (!PriceText.TryParseUsageType(Str(category, "usageType"), out var usageType))
            return ([], Skip($"usage type '{Str(category, "usageType")}' is not OnDemand, Preemptible, Commit1Yr or Commit3Yr"));
        if (Classify(description, Str(category, "resourceGroup")) is not { } kind)
            return ([], Skip("not a vCPU, RAM or GPU rate of a known machine family"));
        if (!sku.TryGetProperty("pricingInfo", out var infos) || infos.ValueKind != JsonValueKind.Array || infos.GetArrayLength() == 0)
            return ([], Skip("no pricingInfo"));

        // The newest pricingInfo wins (they are ordered by effectiveTime; pick the max to be safe).
        var info = infos.EnumerateArray().OrderBy(i => EffectiveTime(i) ?? DateTimeOffset.MinValue).Last();
        var expression = info.GetProperty("pricingExpression");
        var unit = Str(expression, "usageUnit") ?? "";
        var wantedUnit = kind.Resource == MachineResource.RamGib ? "GiBy.h" : "h";
        if (unit != wantedUnit) return ([], Skip($"usage unit '{unit}' is not '{wantedUnit}'"));
        if (!expression.TryGetProperty("tieredRates", out var tiers) || tiers.ValueKind != JsonValueKind.Array || tiers.GetArrayLength() == 0)
            return ([], Skip("no tieredRates"));
        // Machine rates have one tier from 0; with several, the first (startUsageAmount 0) is the list rate.
        var tier = tiers.EnumerateArray().OrderBy(t => t.TryGetProperty("startUsageAmount", out var s) ? s.GetDecimal() : 0m).First();
        var money = tier.GetProperty("unitPrice");
        var currencyText = Str(money, "currencyCode") ?? "USD";
        if (!Currency.TryParse(currencyText, out var currency)) return ([], Skip($"currency '{currencyText}' is not ISO 4217"));
        var price = UnitPrice(money);
        var rate = info.TryGetProperty("currencyConversionRate", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetDecimal() : 1m;
        if (rate <= 0m) return ([], Skip($"currencyConversionRate {rate} is not positive"));
        var usd = ToUsd(price, rate);

        var regions = sku.TryGetProperty("serviceRegions", out var sr) && sr.ValueKind == JsonValueKind.Array
            ? sr.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).Distinct().ToList()
            : [];
        if (regions.Count == 0) return ([], Skip("no serviceRegions"));
        var effective = EffectiveTime(info);
        return (regions.Select(region => new MachinePrice
        {
            Region = region,
            MachineFamily = kind.MachineFamily,
            Resource = kind.Resource,
            UsageType = usageType,
            SkuId = id,
            SkuDescription = description,
            UsageUnit = unit,
            Currency = currency,
            UnitPrice = price,
            ConversionRate = rate,
            UsdPerHour = usd,
            EffectiveTime = effective,
        }).ToList(), null);
    }

    /// <summary>Google's Money: <c>units</c> (int64, a JSON string) + <c>nanos</c> (int32), same sign.</summary>
    public static decimal UnitPrice(JsonElement money)
    {
        var units = money.TryGetProperty("units", out var u)
            ? u.ValueKind == JsonValueKind.String
                ? long.Parse(u.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : u.GetInt64()
            : 0L;
        var nanos = money.TryGetProperty("nanos", out var n) ? n.GetInt32() : 0;
        if (nanos is <= -1_000_000_000 or >= 1_000_000_000) throw new FormatException($"Money nanos {nanos} is out of range.");
        return units + nanos / 1_000_000_000m;
    }

    /// <summary>A price in the Catalog's currency in USD: price / rate, half-even to 9 places (exact when the rate is 1).</summary>
    public static decimal ToUsd(decimal price, decimal conversionRate) =>
        conversionRate == 1m ? price : Math.Round(price / conversionRate, 9, MidpointRounding.ToEven);

    private static DateTimeOffset? EffectiveTime(JsonElement info) =>
        info.TryGetProperty("effectiveTime", out var e) && e.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
