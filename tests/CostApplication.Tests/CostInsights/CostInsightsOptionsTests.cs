using Costs.CostApplication.CostInsights;
using Microsoft.Extensions.Configuration;

namespace Costs.CostApplication.Tests.CostInsights;

public sealed class CostInsightsOptionsTests
{
    [Fact]
    public void Validate_Defaults_Valid() => Assert.Empty(new CostInsightsOptions().Validate());

    [Fact]
    public void Validate_BadValues_EachNamedByItsPath()
    {
        var options = new CostInsightsOptions
        {
            Currency = "dollars",
            BillingDelayDays = 40,
            ListingDays = 0,
            UserGroups = [new UserGroupsOptions { User = "", Groups = ["payments", " "] }],
            Entities = [new EntityServiceOptions { Entity = "checkout", Service = "" }],
            Products = new() { ["gke"] = "" },
        };

        Assert.Equal(
        [
            "CostInsights:Currency: 'dollars' is not an ISO 4217 currency code.",
            "CostInsights:BillingDelayDays: must be 0 to 31 (was 40).",
            "CostInsights:ListingDays: must be 1 to 1200 (was 0).",
            "CostInsights:UserGroups:0:User: is required.",
            "CostInsights:UserGroups:0:Groups: a team name is empty.",
            "CostInsights:Entities:0:Entity: entity: 'checkout' is not a catalog entity reference; expected kind:namespace/name, e.g. component:default/checkout.",
            "CostInsights:Entities:0:Service: is required.",
            "CostInsights:Products:gke: the Google Cloud service is empty.",
        ], options.Validate());
    }

    [Fact]
    public void Settings_SectionFromJson_ListsReplaceDefaultsAndUnknownKeyRefused()
    {
        var good = Settings("""{ "CostInsights": { "EntityKinds": [ "system" ], "UserGroups": [ { "User": "user:default/jane", "Groups": [ "payments" ] } ] } }""");
        Assert.Equal(["system"], good.CostInsights.EntityKinds);
        Assert.Equal("user:default/jane", Assert.Single(good.CostInsights.UserGroups).User);

        var bad = Settings("""{ "CostInsights": { "EntityKind": [ "system" ] } }""");
        Assert.Contains(bad.Check(), e => e.Contains("CostInsights:EntityKind", StringComparison.Ordinal));
    }

    private static global::Costs.CostApplication.Settings.Settings Settings(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        var environment = new AppEnvironment(new Dictionary<string, string>(), Path.GetTempPath(), TimeProvider.System);
        return new global::Costs.CostApplication.Settings.Settings(configuration, environment, "costs.db");
    }
}
