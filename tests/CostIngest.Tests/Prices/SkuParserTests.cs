using System.Globalization;
using System.Text.Json;
using Costs.CostIngest.Prices;
using Costs.CostIngest.Tests.Fakes;
using Costs.CostModel.Prices;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostIngest.Tests.Prices;

public class SkuParserTests
{
    private static PricesResult Opencost()
    {
        using var doc = JsonDocument.Parse(Fixture.Text("Prices", "fixtures", "skus.json"));
        return PricesIngest.Compute(CatalogPage.Skus(doc.RootElement).ToList());
    }

    private static PricesResult Variants()
    {
        using var doc = JsonDocument.Parse(Fixture.Text("Prices", "fixtures", "machine-variants.json"));
        return PricesIngest.Compute(CatalogPage.Skus(doc.RootElement).ToList());
    }

    [Theory]
    [InlineData("N2 Instance Core running in Americas", "N2", MachineResource.Vcpu, MachineVariant.Standard, "0.031611")]
    [InlineData("N2 Instance Ram running in Americas", "N2", MachineResource.RamGib, MachineVariant.Standard, "0.004237")]
    [InlineData("N2 Custom Instance Core running in Americas", "N2", MachineResource.Vcpu, MachineVariant.Custom, "0.033174")]
    [InlineData("N2 Custom Instance Ram running in Americas", "N2", MachineResource.RamGib, MachineVariant.Custom, "0.004446")]
    [InlineData("N2 Custom Extended Instance Ram running in Americas", "N2", MachineResource.RamGib, MachineVariant.CustomExtended, "0.00955")]
    [InlineData("N2 Sole Tenancy Instance Core running in Americas", "N2", MachineResource.Vcpu, MachineVariant.SoleTenancy, "0.034773")]
    [InlineData("N2D AMD Instance Core running in Americas", "N2D", MachineResource.Vcpu, MachineVariant.Standard, "0.027502")]
    [InlineData("N2D AMD Custom Instance Core running in Americas", "N2D", MachineResource.Vcpu, MachineVariant.Custom, "0.028877")]
    [InlineData("Nvidia H100 80GB GPU running in Americas", "H100-80GB", MachineResource.Gpu, MachineVariant.Standard, "11.06125")]
    [InlineData("Nvidia H100 80GB Plus GPU running in Americas", "H100-80GB-PLUS", MachineResource.Gpu, MachineVariant.Standard, "12.68")]
    [InlineData("Nvidia Tesla P100 GPU running in Americas", "P100", MachineResource.Gpu, MachineVariant.Standard, "1.46")]
    [InlineData("Nvidia Tesla P100 Virtual Workstation GPU running in Americas", "P100", MachineResource.Gpu, MachineVariant.VirtualWorkstation, "1.66")]
    public void Compute_CollidingDescriptions_EachItsOwnRate(string description, string family, MachineResource resource,
        MachineVariant variant, string usd)
    {
        var result = Variants();

        var price = Assert.Single(result.Prices, p => p.SkuDescription == description);
        Assert.Equal((family, resource, variant), (price.MachineFamily, price.Resource, price.Variant));
        Assert.Equal(decimal.Parse(usd, CultureInfo.InvariantCulture), price.UsdPerHour);
        Assert.Empty(result.Duplicates);
    }

    [Fact]
    public void Compute_UnrecognisedMachineDescription_ListedNotMerged()
    {
        var result = Variants();

        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("N2 Quantum Instance Core running in Americas", skipped.Description);
        Assert.Contains("not merged", skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Prices, p => p.SkuDescription.Contains("Quantum", StringComparison.Ordinal));
        Assert.Single(result.Prices, p => p is { MachineFamily: "N2", Resource: MachineResource.Vcpu, Variant: MachineVariant.Standard });
    }

    [Fact]
    public void Compute_OpencostSkus_E2CoreInIdrExact()
    {
        var e2 = Opencost().Prices.Single(p => p is { Region: "us-central1", MachineFamily: "E2", Resource: MachineResource.Vcpu });
        Assert.Equal("IDR", e2.Currency.Code);
        Assert.Equal(327.173848364m, e2.UnitPrice);
        Assert.Equal(14999.999925m, e2.ConversionRate);
        Assert.Equal(0.021811590m, e2.UsdPerHour);
        Assert.Equal(0.021811m, Math.Round(e2.UsdPerHour, 6, MidpointRounding.ToZero));
        Assert.Equal(PriceUsageType.OnDemand, e2.UsageType);
        Assert.Equal("h", e2.UsageUnit);
    }

    [Fact]
    public void Compute_OpencostSkus_A100GpuExact()
    {
        var a100 = Opencost().Prices.Where(p => p is { MachineFamily: "A100", Resource: MachineResource.Gpu }).ToList();
        Assert.Equal(["us-central1", "us-east1", "us-west1"], a100.Select(p => p.Region).Order());
        Assert.All(a100, p => Assert.Equal(2.933908m, p.UsdPerHour));
        Assert.All(a100, p => Assert.Equal(new DateTimeOffset(2023, 3, 24, 10, 52, 50, 681, TimeSpan.Zero), p.EffectiveTime));
    }

    [Fact]
    public void Compute_OpencostSkus_EveryRatePerRegion()
    {
        var result = Opencost();
        Assert.Equal(7, result.Skus);
        Assert.Empty(result.Skipped);
        Assert.Empty(result.Duplicates);
        Assert.Equal(17, result.Prices.Count); // 5 SKUs x 3 regions + 2 SKUs x 1 region
        var t2d = result.Prices.Single(p => p is { MachineFamily: "T2D", Resource: MachineResource.Vcpu });
        Assert.Equal("asia-southeast1", t2d.Region);
        Assert.Equal(0.033929000m, t2d.UsdPerHour);
        var ram = result.Prices.Single(p => p is { MachineFamily: "A2", Resource: MachineResource.RamGib, Region: "us-east1" });
        Assert.Equal(0.004237m, ram.UsdPerHour);
        Assert.Equal("GiBy.h", ram.UsageUnit);
    }

    [Theory]
    [InlineData("E2 Instance Core running in Americas", "E2", MachineResource.Vcpu)]
    [InlineData("T2D AMD Instance Ram running in Singapore", "T2D", MachineResource.RamGib)]
    [InlineData("Spot Preemptible N2 Instance Core running in Belgium", "N2", MachineResource.Vcpu)]
    [InlineData("Preemptible N1 Predefined Instance Ram running in Americas", "N1", MachineResource.RamGib)]
    [InlineData("N1 Predefined Instance Core running in Americas", "N1", MachineResource.Vcpu)]
    [InlineData("C4A Arm Instance Core running in Iowa", "C4A", MachineResource.Vcpu)]
    [InlineData("Compute optimized Core running in Americas", "C2", MachineResource.Vcpu)]
    [InlineData("Memory-optimized Instance Ram running in Americas", "M1", MachineResource.RamGib)]
    [InlineData("Commitment v1: E2 Cpu in Americas for 1 Year", "E2", MachineResource.Vcpu)]
    [InlineData("Commitment v1: C3 Ram in Americas for 3 Year", "C3", MachineResource.RamGib)]
    [InlineData("Commitment v1: Cpu in Americas for 1 Year", "N1", MachineResource.Vcpu)]
    [InlineData("Commitment v1: C2D AMD Ram in Belgium for 3 Year", "C2D", MachineResource.RamGib)]
    [InlineData("Nvidia Tesla A100 GPU running in Americas", "A100", MachineResource.Gpu)]
    [InlineData("Nvidia L4 GPU running in Americas", "L4", MachineResource.Gpu)]
    [InlineData("Spot Preemptible Nvidia Tesla T4 GPU running in Americas", "T4", MachineResource.Gpu)]
    [InlineData("Commitment v1: Nvidia Tesla A100 GPU in Americas for 1 Year", "A100", MachineResource.Gpu)]
    public void Classify_Descriptions_FamilyAndResource(string description, string family, MachineResource resource)
    {
        Assert.Equal(new SkuKind(family, resource), SkuParser.Classify(description, null));
    }

    [Theory]
    [InlineData("Custom Instance Core running in Americas", MachineResource.Vcpu, MachineVariant.Custom)]
    [InlineData("Custom Extended Instance Ram running in Americas", MachineResource.RamGib, MachineVariant.CustomExtended)]
    [InlineData("Sole Tenancy Instance Core running in Americas", MachineResource.Vcpu, MachineVariant.SoleTenancy)]
    public void Classify_N1VariantsWithoutFamilyWord_TheirOwnVariant(string description, MachineResource resource, MachineVariant variant) =>
        Assert.Equal(new SkuKind("N1", resource, variant), SkuParser.Classify(description, null));

    [Theory]
    [InlineData("Storage PD Capacity")]
    [InlineData("Network Internet Egress from Americas to Americas")]
    [InlineData("Licensing Fee for Windows Server 2019 Datacenter Edition (CPU cost)")]
    public void Classify_NotAMachineRate_Null(string description)
    {
        Assert.Null(SkuParser.Classify(description, null));
    }

    [Fact]
    public void UnitPrice_AnyUnitsAndNanos_ExactDecimal()
    {
        var units = Gen.Choose(-1_000_000, 1_000_000).Select(u => (long)u * 7919);
        var nanos = Gen.Choose(0, 999_999_999);
        Prop.ForAll(units.ToArbitrary(), nanos.ToArbitrary(), (u, n) =>
        {
            var signed = u < 0 ? -n : n;
            var json = $$"""{"currencyCode":"USD","units":"{{u.ToString(CultureInfo.InvariantCulture)}}","nanos":{{signed.ToString(CultureInfo.InvariantCulture)}}}""";
            using var doc = JsonDocument.Parse(json);
            return SkuParser.UnitPrice(doc.RootElement) == u + signed / 1_000_000_000m;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ToUsd_RateOne_Unchanged()
    {
        Assert.Equal(0.031611m, SkuParser.ToUsd(0.031611m, 1m));
        Assert.Equal(0.004546999m + 0.000000001m, SkuParser.ToUsd(68.204999658m, 14999.999925m));
    }

    [Fact]
    public void Parse_CommitmentSkuWrongUnit_SkippedWithReason()
    {
        using var doc = JsonDocument.Parse("""
        {"skuId":"X","description":"E2 Instance Core running in Americas",
         "category":{"resourceGroup":"CPU","usageType":"OnDemand"},"serviceRegions":["us-central1"],
         "pricingInfo":[{"pricingExpression":{"usageUnit":"mo","tieredRates":[{"startUsageAmount":0,"unitPrice":{"currencyCode":"USD","units":"1","nanos":0}}]},"currencyConversionRate":1}]}
        """);
        var (prices, skipped) = SkuParser.Parse(doc.RootElement);
        Assert.Empty(prices);
        Assert.Contains("usage unit 'mo'", skipped!.Reason);
    }
}
