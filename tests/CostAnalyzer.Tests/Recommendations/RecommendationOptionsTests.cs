using Costs.CostAnalyzer.Recommendations;

namespace Costs.CostAnalyzer.Tests.Recommendations;

public class RecommendationOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoErrors() => Assert.Empty(new RecommendationOptions().Validate());

    [Fact]
    public void Validate_OneBadValueInEachPart_EachNamedByPath()
    {
        var options = new RecommendationOptions();
        options.Commitments.MinimumHistory = TimeSpan.FromDays(-1);
        options.Spot.MinimumMonthlySavings = -1m;
        options.Rightsizing.Percentile = 0m;
        options.Idle.Threshold = 1m;

        Assert.Equal(
            ["Recommendations:Commitments:MinimumHistory", "Recommendations:Spot:MinimumMonthlySavings",
             "Recommendations:Rightsizing:Percentile", "Recommendations:Idle:Threshold"],
            options.Validate().Select(e => e[..e.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Theory]
    [InlineData("n2-standard-4", "N2")]
    [InlineData("n2d-highmem-8", "N2D")]
    [InlineData("e2-medium", "E2")]
    [InlineData("custom-4-16384", "N1")]
    [InlineData(null, null)]
    public void Family_MachineTypes_AsTheCatalogueNamesThem(string? machineType, string? family) =>
        Assert.Equal(family, MachineNames.Family(machineType));

    [Theory]
    [InlineData("europe-west1-b", "europe-west1")]
    [InlineData("us-central1", "us-central1")]
    [InlineData("", null)]
    public void Region_Zones_DropTheZoneLetter(string zone, string? region) => Assert.Equal(region, MachineNames.Region(zone));

    [Theory]
    [InlineData("N1", "0.05225175", "26.70064425")] // n1-standard-1 in europe-west1, Cyclenerd's pricing.yml: hour, month
    [InlineData("M1", "11.74323808", "6000.79465888")] // m1-megamem-96 in europe-west1
    [InlineData("E2", "0.07371546", "53.8122858")] // e2-standard-2 in europe-west1: no sustained use
    public void Net_FullMonth_MatchesThePublishedMonthlyPrice(string family, string hour, string month) =>
        Assert.Equal(decimal.Parse(month, System.Globalization.CultureInfo.InvariantCulture),
            SustainedUse.Net(decimal.Parse(hour, System.Globalization.CultureInfo.InvariantCulture), family) * 730m);
}
