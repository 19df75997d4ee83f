using Costs.CostModel.Money;
using Costs.CostModel.Prices;

namespace Costs.CostIngest.Sample;

/// <summary>
/// The sample organisation's price list, as `costs prices` would store it from the Catalog: N2 and E2
/// vCPU and RAM in europe-west1, on demand, spot, and resource-based commitments. On-demand and spot
/// rates are the ones its bill is generated with (<see cref="SampleOrganisation"/>, from
/// ../shared/data/cyclenerd-gcp-pricing); commitment rates are 37% (1 year) and 55% (3 years) below
/// on demand, Google's published resource-based discounts for these families. Demo data, not a quote.
/// </summary>
public static class SamplePrices
{
    private const string Region = "europe-west1";
    private const decimal ThreeYearDiscount = 0.55m;
    private const decimal E2CoreHour = 0.021811m;
    private const decimal E2RamGiBHour = 0.002923m;

    public static IReadOnlyList<MachinePrice> All { get; } =
    [
        .. Family("N2", MachineResource.Vcpu, SampleOrganisation.N2CoreHour, null),
        .. Family("N2", MachineResource.RamGib, SampleOrganisation.N2RamGiBHour, null),
        .. Family("E2", MachineResource.Vcpu, E2CoreHour, SampleOrganisation.E2SpotCoreHour),
        .. Family("E2", MachineResource.RamGib, E2RamGiBHour, SampleOrganisation.E2SpotRamGiBHour),
    ];

    private static IEnumerable<MachinePrice> Family(string family, MachineResource resource, decimal onDemand, decimal? spot)
    {
        yield return Price(family, resource, PriceUsageType.OnDemand, onDemand);
        if (spot is { } s) yield return Price(family, resource, PriceUsageType.Preemptible, s);
        yield return Price(family, resource, PriceUsageType.Commit1Yr, Math.Round(onDemand * (1m - SampleOrganisation.CommitmentDiscount), 9));
        yield return Price(family, resource, PriceUsageType.Commit3Yr, Math.Round(onDemand * (1m - ThreeYearDiscount), 9));
    }

    private static MachinePrice Price(string family, MachineResource resource, PriceUsageType type, decimal rate)
    {
        var what = resource == MachineResource.Vcpu ? "Instance Core" : "Instance Ram";
        var kind = type switch
        {
            PriceUsageType.Preemptible => "Spot Preemptible ",
            PriceUsageType.Commit1Yr => "Commitment v1: ",
            PriceUsageType.Commit3Yr => "Commitment v1: ",
            _ => "",
        };
        return new MachinePrice
        {
            Region = Region, MachineFamily = family, Resource = resource, UsageType = type,
            SkuId = $"SAMPLE-{family}-{resource}-{type}".ToUpperInvariant(),
            SkuDescription = $"{kind}{family} {what} running in Belgium" + (type == PriceUsageType.Commit3Yr ? " for 3 Years" : type == PriceUsageType.Commit1Yr ? " for 1 Year" : ""),
            UsageUnit = resource == MachineResource.Vcpu ? "h" : "GiBy.h",
            Currency = Currency.Usd, UnitPrice = rate, ConversionRate = 1m, UsdPerHour = rate,
        };
    }
}
