using Costs.CostApplication.Stages;
using Costs.CostModel.Clusters;
using Microsoft.Extensions.Configuration;

namespace Costs.CostApplication.Tests.Settings;

/// <summary>One binding of every section, with its defaults and its validation, for every caller.</summary>
public class SettingsTests
{
    private static CostApplication.Settings.Settings Of(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        return new CostApplication.Settings.Settings(configuration, new AppEnvironment(new Dictionary<string, string>(), "/tmp", TimeProvider.System));
    }

    [Fact]
    public void BigQuery_NoLabelKeysAndAConfiguredServiceLabel_KeepsThatLabelKey()
    {
        var settings = Of("""{ "Attribution": { "ServiceLabels": ["component"] }, "BigQuery": { "Table": "acme-billing.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9", "BillingProject": "acme-finops" } }""");
        Assert.Contains("component", settings.BigQuery.LabelKeys!);
        Assert.Contains("k8s-label/component", settings.BigQuery.LabelKeys!);
        Assert.DoesNotContain("app", settings.BigQuery.LabelKeys!);
    }

    [Fact]
    public void BigQuery_LabelKeysConfigured_KeptAsGiven()
    {
        var settings = Of("""{ "BigQuery": { "Table": "acme-billing.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9", "BillingProject": "acme-finops", "LabelKeys": ["app"] } }""");
        Assert.Equal(["app"], settings.BigQuery.LabelKeys);
    }

    [Fact]
    public void Section_Invalid_ThrowsAConfigurationErrorListingEveryProblem()
    {
        var settings = Of("""{ "Kubernetes": { "PageSize": 0, "RequestTimeout": "-00:00:01" } }""");
        var ex = Assert.Throws<StageException>(() => settings.Kubernetes);
        Assert.Equal(FailureKind.Configuration, ex.Kind);
        Assert.Contains("Kubernetes:PageSize", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Kubernetes:RequestTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_ValueOfTheWrongType_IsAnErrorNamingTheSection()
    {
        var settings = Of("""{ "Kubernetes": { "PageSize": "many" } }""");
        var ex = Assert.Throws<StageException>(() => settings.Kubernetes);
        Assert.Contains("Kubernetes:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_NotConfigured_LoopbackPort8080NoToken()
    {
        var settings = Of("{}");
        Assert.Equal("127.0.0.1", settings.Http.ListenAddress().ToString());
        Assert.Equal(8080, settings.Http.Port);
        Assert.Null(settings.ReadHttpToken());
    }

    [Theory]
    [InlineData("""{ "Http": { "Port": 70000 } }""", "Http:Port: 70000 is not a TCP port")]
    [InlineData("""{ "Http": { "BindAddress": "localhost" } }""", "Http:BindAddress: 'localhost' is not an IP address")]
    [InlineData("""{ "Http": { "TokenFile": " " } }""", "Http:TokenFile: is empty")]
    [InlineData("""{ "Http": { "Prot": 1 } }""", "Http:Prot: unknown key")]
    public void Http_Invalid_ErrorNamesTheKey(string json, string expected)
    {
        var ex = Assert.Throws<StageException>(() => Of(json).Http);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HttpTokenFileMissing_NamesTheKeyNotTheValue()
    {
        var errors = Of("""{ "Http": { "TokenFile": "/nonexistent/costs-token" } }""").Check();
        Assert.Contains(errors, e => e.StartsWith("Http:TokenFile:", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SeveralSectionsInvalid_ListsTheErrorsOfEach()
    {
        var settings = Of("""{ "Kubernetes": { "PageSize": 0 }, "Email": { "Host": "smtp.example.com", "From": "not an address", "Platform": ["a@example.com"] } }""");
        var errors = settings.Check();
        Assert.Contains(errors, e => e.StartsWith("Kubernetes:PageSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Email:From", StringComparison.Ordinal));
    }

    [Fact]
    public void Allocation_LegacyKeysUnderKubernetes_StillRead_AllocationSectionWins()
    {
        var legacy = Of("""{ "Kubernetes": { "IdleMode": "Spread", "OverheadMode": "Spread" } }""");
        Assert.Equal(ShareMode.Spread, legacy.Allocation.IdleMode);

        var both = Of("""{ "Kubernetes": { "IdleMode": "Spread", "OverheadMode": "Spread" }, "Allocation": { "IdleMode": "Separate" } }""");
        Assert.Equal(ShareMode.Separate, both.Allocation.IdleMode);
        Assert.Equal(ShareMode.Spread, both.Allocation.OverheadMode);
    }

    [Fact]
    public void Recommendations_Configured_IsAKnownSectionAndBinds()
    {
        var settings = Of("""{ "Recommendations": { "Commitments": { "Lookback": "90.00:00:00" } } }""");
        Assert.Empty(settings.Check());
        Assert.Equal(TimeSpan.FromDays(90), settings.Recommendations.Commitments.Lookback);
        Assert.Equal(Path.GetFullPath("costs.db", "/tmp"), settings.StorePath);
    }

    [Fact]
    public void Publish_BigQueryPartlyConfigured_EachProblemNamedByItsPath()
    {
        var settings = Of("""{ "Publish": { "BigQuery": { "Project": "Acme", "Table": "allocation$20261001", "Colour": "red" } } }""");
        var errors = settings.Check();
        Assert.Contains(errors, e => e.Contains("Publish:BigQuery:Colour", StringComparison.Ordinal));
        settings = Of("""{ "Publish": { "BigQuery": { "Project": "Acme", "Table": "allocation$20261001" } } }""");
        errors = settings.Check();
        Assert.Contains("Publish:BigQuery:Project 'Acme' is not a project id.", errors);
        Assert.Contains("Publish:BigQuery:Dataset is missing.", errors);
        Assert.Contains(errors, e => e.StartsWith("Publish:BigQuery:Table 'allocation$20261001'", StringComparison.Ordinal));
        Assert.False(Of("{}").Publish.BigQuery.IsConfigured);
        Assert.Empty(Of("""{ "Publish": { "BigQuery": { "Project": "acme-finops", "Dataset": "costs", "Table": "allocation" } } }""").Check());
    }

    [Fact]
    public void ReportDirectory_NotConfigured_ReportsFolderBesideTheStore()
    {
        var settings = Of("""{ "Store": { "Path": "/data/costs.db" } }""");
        Assert.Equal("/data/reports", settings.ReportDirectory);
    }
}
