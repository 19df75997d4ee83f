using Costs.CostIngest.BigQuery;

namespace Costs.CostIngest.Tests.BigQuery;

public class BigQueryOptionsTests
{
    [Fact]
    public void Validate_Defaults_OnlyTableMissing()
    {
        var errors = new BigQueryOptions().Validate();
        Assert.Single(errors);
        Assert.Contains("BigQuery:Table", errors[0]);
    }

    [Fact]
    public void Validate_BadValues_EachNamed()
    {
        var o = new BigQueryOptions
        {
            Table = "x.y.z",
            Location = "us central",
            CheckPartitionDays = 0,
            PollTimeout = TimeSpan.Zero,
        };
        var errors = string.Join("\n", o.Validate());
        Assert.Contains("BigQuery:Table", errors);
        Assert.Contains("BigQuery:Location", errors);
        Assert.Contains("BigQuery:CheckPartitionDays", errors);
        Assert.Contains("BigQuery:PollTimeout", errors);
    }

    [Fact]
    public void SplitLabelKeys_ConfiguredWithPrefix_ReplacesDefaults()
    {
        var o = new BigQueryOptions { LabelKeys = ["team", "k8s-label/*", "app"] };
        var (keys, prefixes) = o.SplitLabelKeys();
        Assert.Equal(["app", "team"], keys);
        Assert.Equal(["k8s-label/"], prefixes);
    }

    [Fact]
    public void EffectiveLabelKeys_NotConfigured_Defaults()
    {
        var keys = new BigQueryOptions().EffectiveLabelKeys;
        Assert.Contains("app.kubernetes.io/name", keys);
        Assert.Contains("k8s-namespace", keys);
        Assert.Contains("goog-k8s-cluster-name", keys);
    }
}
