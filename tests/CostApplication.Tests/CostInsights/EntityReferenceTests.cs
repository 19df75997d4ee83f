using Costs.CostApplication.CostInsights;

namespace Costs.CostApplication.Tests.CostInsights;

public sealed class EntityReferenceTests
{
    [Theory]
    [InlineData("component:default/checkout", "component", "default", "checkout")]
    [InlineData("Component:Default/Checkout", "component", "default", "Checkout")]
    [InlineData("component:checkout", "component", "default", "checkout")]
    [InlineData("system:payments/ledger.v2_a-b", "system", "payments", "ledger.v2_a-b")]
    public void Parse_Valid_KindAndNamespaceLowered(string text, string kind, string ns, string name) =>
        Assert.Equal(new EntityReference(kind, ns, name), EntityReference.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("checkout")]
    [InlineData("default/checkout")]
    [InlineData("component:default/")]
    [InlineData("component:default/check out")]
    [InlineData("component:default/-checkout")]
    [InlineData("component:a/b/c")]
    [InlineData("component:default/<script>")]
    public void Parse_Malformed_FormatExceptionNamingTheForm(string text)
    {
        var ex = Assert.Throws<FormatException>(() => EntityReference.Parse(text));

        Assert.Contains("kind:namespace/name", ex.Message, StringComparison.Ordinal);
    }
}
