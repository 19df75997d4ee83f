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
    [InlineData("Storage PD Capacity")]
    [InlineData("Network Internet Egress from Americas to Americas")]
    [InlineData("Custom Instance Core running in Americas")]
    [InlineData("Sole Tenancy Instance Core running in Americas")]
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
