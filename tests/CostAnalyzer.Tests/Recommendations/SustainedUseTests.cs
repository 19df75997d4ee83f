using Costs.CostAnalyzer.Recommendations;
using Costs.CostModel.Money;
using Costs.CostModel.Prices;

namespace Costs.CostAnalyzer.Tests.Recommendations;

/// <summary>
/// Google's published monthly prices (730 h) for a family with sustained use (N2) and one without (E2),
/// reproduced from per-resource catalogue rates. Every figure is from Cyclenerd's pricing.yml (generated
/// 2026-07-30 from the Catalog API, ../shared/data/cyclenerd-gcp-pricing), us-central1:
///   machine type    vCPU GiB  hour        month          month_1y     month_3y     (pricing.yml line)
///   n2-standard-2   2    8    0.097118    56.731091228   44.66286     31.90538     90987
///   n2-highmem-2    2    16   0.131014    76.531304044   60.24982     43.04226     88147
///   e2-standard-2   2    8    0.06701142  48.9183366     30.81854578  22.01324782  67186
///   e2-highmem-2    2    16   0.09039966  65.9917518     41.5747921   29.69628174  65100
/// The per-vCPU and per-GiB rates below solve the standard-2/highmem-2 pair (hour, and month_1y/730,
/// month_3y/730); the Catalog lists the same figures (N2 core 0.031611 and RAM 0.004237 an hour).
/// </summary>
public class SustainedUseTests
{
    private static readonly MachinePrice[] Catalogue =
    [
        Rate("N2", MachineResource.Vcpu, PriceUsageType.OnDemand, 0.031611m),
        Rate("N2", MachineResource.RamGib, PriceUsageType.OnDemand, 0.004237m),
        Rate("N2", MachineResource.Vcpu, PriceUsageType.Commit1Yr, 0.019915m),
        Rate("N2", MachineResource.RamGib, PriceUsageType.Commit1Yr, 0.002669m),
        Rate("N2", MachineResource.Vcpu, PriceUsageType.Commit3Yr, 0.014225m),
        Rate("N2", MachineResource.RamGib, PriceUsageType.Commit3Yr, 0.001907m),
        Rate("E2", MachineResource.Vcpu, PriceUsageType.OnDemand, 0.02181159m),
        Rate("E2", MachineResource.RamGib, PriceUsageType.OnDemand, 0.00292353m),
        Rate("E2", MachineResource.Vcpu, PriceUsageType.Commit1Yr, 0.013741301m),
        Rate("E2", MachineResource.RamGib, PriceUsageType.Commit1Yr, 0.001841823m),
        Rate("E2", MachineResource.Vcpu, PriceUsageType.Commit3Yr, 0.009815215m),
        Rate("E2", MachineResource.RamGib, PriceUsageType.Commit3Yr, 0.001315588m),
        // A custom N2 core is dearer; it must not be taken for the predefined rate.
        Rate("N2", MachineResource.Vcpu, PriceUsageType.OnDemand, 0.033174m) with { Variant = MachineVariant.Custom },
    ];

    [Theory]
    [InlineData("N2", 2, 8, "56.731091228", "44.66286", "31.90538")]      // n2-standard-2: 19.98% sustained use
    [InlineData("N2", 2, 16, "76.531304044", "60.24982", "43.04226")]     // n2-highmem-2
    [InlineData("E2", 2, 8, "48.9183366", "30.81854578", "22.01324782")]  // e2-standard-2: no sustained use
    [InlineData("E2", 2, 16, "65.9917518", "41.5747921", "29.69628174")]  // e2-highmem-2
    public void Net_PublishedMachineTypes_MonthlyPricesReproducedExactly(string family, int vcpus, int gib,
        string month, string month1Y, string month3Y)
    {
        decimal Hourly(PriceUsageType type) =>
            vcpus * CatalogRates.Rate(Catalogue, "us-central1", family, MachineResource.Vcpu, type, Currency.Usd)!.Value
            + gib * CatalogRates.Rate(Catalogue, "us-central1", family, MachineResource.RamGib, type, Currency.Usd)!.Value;

        Assert.Equal(Parse(month), SustainedUse.Net(Hourly(PriceUsageType.OnDemand), family) * SustainedUse.HoursPerMonth);
        Assert.Equal(Parse(month1Y), Hourly(PriceUsageType.Commit1Yr) * SustainedUse.HoursPerMonth);
        Assert.Equal(Parse(month3Y), Hourly(PriceUsageType.Commit3Yr) * SustainedUse.HoursPerMonth);
    }

    [Theory]
    [InlineData("N1", "0.30")]
    [InlineData("N2", "0.1998")]
    [InlineData("N2D", "0.1998")]
    [InlineData("E2", "0")]
    [InlineData("C3", "0")]
    public void FullMonthDiscount_Families_AsGooglesIncrementsAverage(string family, string discount) =>
        Assert.Equal(Parse(discount), SustainedUse.FullMonthDiscount(family));

    private static decimal Parse(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static MachinePrice Rate(string family, MachineResource resource, PriceUsageType type, decimal usd) => new()
    {
        Region = "us-central1", MachineFamily = family, Resource = resource, UsageType = type, SkuId = $"{family}-{resource}-{type}",
        SkuDescription = "", UsageUnit = resource == MachineResource.Vcpu ? "h" : "GiBy.h", Currency = Currency.Usd,
        UnitPrice = usd, ConversionRate = 1m, UsdPerHour = usd,
    };
}
