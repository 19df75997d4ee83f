using Costs.CostApplication.Settings;
using Costs.CostAnalyzer.Attribution;
using Microsoft.Extensions.Configuration;

namespace Costs.Tests.Configuration;

public class OptionsBinderTests
{
    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public void Bind_ConfiguredList_ReplacesTheDefaultsInsteadOfAppending()
    {
        var options = OptionsBinder.Bind<AttributionOptions>(Json("""{ "Attribution": { "ServiceLabels": ["component", "app"] } }"""), "Attribution");
        Assert.Equal(["component", "app"], options.ServiceLabels);
        Assert.Equal(["team", "owner"], options.TeamLabels); // not configured: the defaults stay
    }

    [Fact]
    public void Bind_ListsInsideListItems_ReplaceTheirDefaultsToo()
    {
        var options = OptionsBinder.Bind<Outer>(Json("""{ "S": { "Items": [ { "Values": [7] }, { } ] } }"""), "S");
        Assert.Equal([7], options.Items[0].Values);
        Assert.Equal([1, 2], options.Items[1].Values);
    }

    [Fact]
    public void Bind_Dictionary_MergesWithTheDefaults()
    {
        var options = OptionsBinder.Bind<AttributionOptions>(Json("""{ "Attribution": { "EnvironmentNames": { "live": "production" } } }"""), "Attribution");
        Assert.Equal("production", options.EnvironmentNames["live"]);
        Assert.Equal("staging", options.EnvironmentNames["stg"]);
    }

    public sealed class Outer
    {
        public List<Inner> Items { get; set; } = [];
    }

    public sealed class Inner
    {
        public List<int> Values { get; set; } = [1, 2];
    }
}
