using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Costs.CostModel.Money;
using Costs.CostModel.Prices;

namespace Costs.CostIngest.Prices;

/// <summary>A Catalog SKU that yields no machine rate, and why (a disk, a licence, an unknown unit, …).</summary>
public sealed record SkippedSku(string SkuId, string Description, string Reason);

/// <summary>What a SKU description says: machine family (or GPU model), resource and variant.</summary>
public sealed record SkuKind(string MachineFamily, MachineResource Resource, MachineVariant Variant = MachineVariant.Standard);

/// <summary>
/// Turns Cloud Billing Catalog SKUs into hourly machine rates. Pure. Money is exact: a unit price is
/// <c>units + nanos / 10^9</c> as decimal; the USD rate is that divided by
/// <c>currencyConversionRate</c>, rounded half-even to 9 decimal places.
/// Every word of a machine description must be understood: custom, extended-memory, sole-tenancy and
/// virtual-workstation SKUs are their own <see cref="MachineVariant"/>, a "Plus" GPU its own model, and a
/// description with a word this parser does not know is skipped and listed, never folded into another rate.
/// </summary>
public static partial class SkuParser
{
    // "Commitment v1: E2 Cpu in Americas for 1 Year", "Commitment v1: C3 Ram in … for 3 Year",
    // "Commitment v1: Cpu in Americas for 1 Year" (N1), "Commitment v1: Nvidia Tesla A100 GPU in … for 1 Year".
    [GeneratedRegex(@"^Commitment v1:\s*(?<fam>.*?)\s*(?<res>Cpu|Core|Ram|GPU)\b.*?\bfor (?<years>1|3) Year", RegexOptions.IgnoreCase)]
    private static partial Regex CommitmentRegex();

    // "E2 Instance Core running in Americas", "T2D AMD Instance Ram running in Singapore",
    // "Spot Preemptible N2 Instance Core running in …", "N1 Predefined Instance Core running in …",
    // "N2 Custom Extended Instance Ram running in …", "N2 Sole Tenancy Instance Core running in …",
    // "Compute optimized Core running in …" (C2), "Memory-optimized Instance Ram running in …" (M1).
    [GeneratedRegex(@"^(?:Spot Preemptible |Preemptible )?(?<fam>.*?)\s*(?:Instance\s+)?(?<res>Core|Ram)\b(?: running| in)", RegexOptions.IgnoreCase)]
    private static partial Regex InstanceRegex();

    // "Nvidia Tesla A100 GPU running in Americas", "Nvidia L4 GPU running in …", "Nvidia H100 80GB Plus GPU running in …",
    // "Nvidia Tesla P100 Virtual Workstation GPU running in …".
    [GeneratedRegex(@"^(?:Spot Preemptible |Preemptible )?Nvidia (?:Tesla )?(?<gpu>.+?)(?:\s+GPU)?(?:\s+running\b|\s+in\b|$)", RegexOptions.IgnoreCase)]
    private static partial Regex GpuRegex();

    [GeneratedRegex(@"^[A-Z][0-9]+[A-Z]?$")]
    private static partial Regex FamilyRegex();

    [GeneratedRegex(@"^[0-9]+GB$", RegexOptions.IgnoreCase)]
    private static partial Regex GpuMemoryRegex();

    /// <summary>Machine family, resource and variant from a Compute Engine SKU description, or null.</summary>
    public static SkuKind? Classify(string description, string? resourceGroup)
    {
        if (GpuRegex().Match(description) is { Success: true } g) return Gpu(g.Groups["gpu"].Value);
        if (CommitmentRegex().Match(description) is { Success: true } c)
        {
            var text = c.Groups["fam"].Value;
            if (c.Groups["res"].Value.Equals("GPU", StringComparison.OrdinalIgnoreCase))
                return GpuRegex().Match(text) is { Success: true } cg ? Gpu(cg.Groups["gpu"].Value) : null;
            return Family(text) is { } f ? new SkuKind(f.Family, Resource(c.Groups["res"].Value), f.Variant) : null;
        }
        if (InstanceRegex().Match(description) is { Success: true } i)
            return Family(i.Groups["fam"].Value) is { } f ? new SkuKind(f.Family, Resource(i.Groups["res"].Value), f.Variant) : null;
        return null;
    }

    /// <summary>True when the description looks like a machine rate (so that a null <see cref="Classify"/> is a word not understood).</summary>
    private static bool LooksLikeMachineRate(string description) =>
        GpuRegex().IsMatch(description) || CommitmentRegex().IsMatch(description) || InstanceRegex().IsMatch(description);

    private static MachineResource Resource(string text) =>
        text.Equals("Ram", StringComparison.OrdinalIgnoreCase) ? MachineResource.RamGib : MachineResource.Vcpu;

    /// <summary>"A100" → A100; "H100 80GB Plus" → H100-80GB-PLUS; "P100 Virtual Workstation" → P100, virtual workstation.</summary>
    private static SkuKind? Gpu(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        var model = words[0].ToUpperInvariant();
        var variant = MachineVariant.Standard;
        for (var i = 1; i < words.Length; i++)
        {
            var w = words[i];
            if (i == 1 && GpuMemoryRegex().IsMatch(w)) model += "-" + w.ToUpperInvariant();
            else if (w.Equals("Plus", StringComparison.OrdinalIgnoreCase)) model += "-PLUS";
            else if (w.Equals("Virtual", StringComparison.OrdinalIgnoreCase) && i + 1 < words.Length
                     && words[i + 1].Equals("Workstation", StringComparison.OrdinalIgnoreCase))
            {
                variant = MachineVariant.VirtualWorkstation;
                i++;
            }
            else return null;
        }
        return new SkuKind(model, MachineResource.Gpu, variant);
    }

    /// <summary>The family and variant a description's words name, or null when one of them is not understood.</summary>
    private static (string Family, MachineVariant Variant)? Family(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return ("N1", MachineVariant.Standard); // "Commitment v1: Cpu in …" is the N1 commitment
        var lower = string.Join(' ', words).ToLowerInvariant();
        if (lower is "compute optimized") return ("C2", MachineVariant.Standard);
        if (lower is "memory-optimized") return ("M1", MachineVariant.Standard);
        // "Predefined", "Custom", "Custom Extended", "Sole Tenancy" with no family first are N1's.
        var family = FamilyRegex().IsMatch(words[0]) ? words[0] : "N1";
        var variant = MachineVariant.Standard;
        for (var i = family == words[0] ? 1 : 0; i < words.Length; i++)
        {
            switch (words[i].ToLowerInvariant())
            {
                case "amd" or "arm" or "intel" or "predefined": break;
                case "custom" when variant == MachineVariant.Standard: variant = MachineVariant.Custom; break;
                case "extended" when variant == MachineVariant.Custom: variant = MachineVariant.CustomExtended; break;
                case "sole" when variant == MachineVariant.Standard && i + 1 < words.Length && words[i + 1].Equals("Tenancy", StringComparison.OrdinalIgnoreCase):
                    variant = MachineVariant.SoleTenancy;
                    i++;
                    break;
                default: return null;
            }
        }
        return (family, variant);
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
            return ([], Skip(LooksLikeMachineRate(description)
                ? "a machine rate with a word not understood; listed, not merged into another rate"
                : "not a vCPU, RAM or GPU rate of a known machine family"));
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
            Variant = kind.Variant,
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
