using Costs.CostApplication.Settings;
using Costs.CostAnalyzer.Attribution;
using Costs.CostIngest.BigQuery;

namespace Costs.Tests.BigQuery;

/// <summary>Which label keys `costs ingest bigquery` keeps when BigQuery:LabelKeys is not configured.</summary>
public class IngestBigQueryLabelKeysTests
{
    [Fact]
    public void AttributionLabelKeys_DefaultAttribution_AreTheBigQueryDefaults()
    {
        var keys = Settings.AttributionLabelKeys(new AttributionOptions());
        Assert.Equal(BigQueryOptions.DefaultLabelKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AttributionLabelKeys_ConfiguredKeyWithoutGkeLabels_KeptWithoutItsK8sLabelForm()
    {
        var keys = Settings.AttributionLabelKeys(new AttributionOptions { ServiceLabels = ["component"], UseGkeLabels = false });
        Assert.Contains("component", keys);
        Assert.DoesNotContain("k8s-label/component", keys);
        Assert.Contains("goog-k8s-cluster-name", keys);
    }
}
