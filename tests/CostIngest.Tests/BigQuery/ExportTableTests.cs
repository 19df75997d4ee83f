using Costs.CostIngest.BigQuery;

namespace Costs.CostIngest.Tests.BigQuery;

public class ExportTableTests
{
    [Theory]
    [InlineData("acme-billing.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9", false)]
    [InlineData("acme-billing.billing_export.gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7A8B9", true)]
    [InlineData("example.com:acme-billing.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9", false)]
    public void Parse_ValidNames_Parsed(string text, bool detailed)
    {
        var t = ExportTable.Parse(text);
        Assert.Equal(detailed, t.IsDetailed);
        Assert.Equal("01A2B3-C4D5E6-F7A8B9", t.BillingAccountId);
        Assert.Equal(text, t.SqlName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9")]
    [InlineData("acme-billing.billing_export.some_other_table")]
    [InlineData("acme-billing.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9` WHERE 1=1 --")]
    [InlineData("acme-billing.billing export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9")]
    [InlineData("Acme.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9")]
    [InlineData("acme-billing.billing_export.gcp_billing_export_v1_01a2b3_c4d5e6_f7a8b9")]
    public void TryParse_InvalidOrInjected_Rejected(string text)
    {
        Assert.False(ExportTable.TryParse(text, out _, out var why));
        Assert.NotEmpty(why);
    }
}
