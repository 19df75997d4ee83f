using Costs.CostModel.Money;

namespace Costs.CostModel.Prices;

/// <summary>What one hourly Compute Engine rate is for.</summary>
public enum MachineResource
{
    /// <summary>One vCPU for an hour.</summary>
    Vcpu,
    /// <summary>One GiB of memory for an hour.</summary>
    RamGib,
    /// <summary>One GPU for an hour.</summary>
    Gpu,
}

/// <summary>
/// Which kind of VM a rate is for, within one family: Google prices each of these apart (a custom N2 core
/// costs about 5% more than a predefined one, an extended-memory GiB far more), so they are never one rate.
/// </summary>
public enum MachineVariant
{
    /// <summary>Predefined machine types: the rate that recommendations use.</summary>
    Standard,
    /// <summary>"… Custom Instance Core/Ram".</summary>
    Custom,
    /// <summary>"… Custom Extended Instance Ram": memory beyond the custom ratio.</summary>
    CustomExtended,
    /// <summary>"… Sole Tenancy Instance Core/Ram": sole-tenant nodes.</summary>
    SoleTenancy,
    /// <summary>"Nvidia … Virtual Workstation GPU": a GPU with an NVIDIA RTX Virtual Workstation licence.</summary>
    VirtualWorkstation,
}

/// <summary>The Catalog's <c>category.usageType</c> values that carry machine rates.</summary>
public enum PriceUsageType
{
    OnDemand,
    /// <summary>Spot and preemptible VMs.</summary>
    Preemptible,
    Commit1Yr,
    Commit3Yr,
}

public static class PriceText
{
    public static string ToText(this MachineResource r) => r switch
    {
        MachineResource.Vcpu => "vcpu",
        MachineResource.RamGib => "ram_gib",
        MachineResource.Gpu => "gpu",
        _ => throw new ArgumentOutOfRangeException(nameof(r), r, "Unknown machine resource."),
    };

    public static MachineResource ParseResource(string text) => text switch
    {
        "vcpu" => MachineResource.Vcpu,
        "ram_gib" => MachineResource.RamGib,
        "gpu" => MachineResource.Gpu,
        _ => throw new FormatException($"Unknown machine resource '{text}'."),
    };

    public static string ToText(this PriceUsageType t) => t.ToString();

    public static string ToText(this MachineVariant v) => v switch
    {
        MachineVariant.Standard => "standard",
        MachineVariant.Custom => "custom",
        MachineVariant.CustomExtended => "custom-extended",
        MachineVariant.SoleTenancy => "sole-tenancy",
        MachineVariant.VirtualWorkstation => "virtual-workstation",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, "Unknown machine variant."),
    };

    public static MachineVariant ParseVariant(string text) => text switch
    {
        "standard" => MachineVariant.Standard,
        "custom" => MachineVariant.Custom,
        "custom-extended" => MachineVariant.CustomExtended,
        "sole-tenancy" => MachineVariant.SoleTenancy,
        "virtual-workstation" => MachineVariant.VirtualWorkstation,
        _ => throw new FormatException($"Unknown machine variant '{text}'."),
    };

    public static bool TryParseUsageType(string? text, out PriceUsageType type)
    {
        switch (text)
        {
            case "OnDemand": type = PriceUsageType.OnDemand; return true;
            case "Preemptible": type = PriceUsageType.Preemptible; return true;
            case "Commit1Yr": type = PriceUsageType.Commit1Yr; return true;
            case "Commit3Yr": type = PriceUsageType.Commit3Yr; return true;
            default: type = default; return false;
        }
    }
}

/// <summary>
/// One hourly machine rate from the Cloud Billing Catalog. <see cref="UnitPrice"/> is exact in
/// <see cref="Currency"/> (units + nanos); <see cref="UsdPerHour"/> is UnitPrice / ConversionRate,
/// rounded half-even to 9 decimal places (nano-dollars, the Catalog's own Money resolution).
/// </summary>
public sealed record MachinePrice
{
    public required string Region { get; init; }
    /// <summary>E2, N2D, C3, T2D, … or a GPU model (A100, L4, T4).</summary>
    public required string MachineFamily { get; init; }
    public required MachineResource Resource { get; init; }
    /// <summary>Predefined, custom, extended memory, sole tenancy or virtual workstation: each its own rate.</summary>
    public MachineVariant Variant { get; init; } = MachineVariant.Standard;
    public required PriceUsageType UsageType { get; init; }
    public required string SkuId { get; init; }
    public required string SkuDescription { get; init; }
    /// <summary><c>h</c> or <c>GiBy.h</c>, as the Catalog states it.</summary>
    public required string UsageUnit { get; init; }
    public required Currency Currency { get; init; }
    public required decimal UnitPrice { get; init; }
    public required decimal ConversionRate { get; init; }
    public required decimal UsdPerHour { get; init; }
    public DateTimeOffset? EffectiveTime { get; init; }
}
