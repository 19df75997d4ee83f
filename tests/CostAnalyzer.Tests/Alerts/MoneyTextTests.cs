using Costs.CostAnalyzer.Alerts;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Tests.Alerts;

public sealed class MoneyTextTests
{
    [Theory]
    [InlineData("1234.564", "USD", "$1,234.56")]
    [InlineData("1234.565", "USD", "$1,234.57")]
    [InlineData("-0.5", "USD", "-$0.50")]
    [InlineData("0", "USD", "$0.00")]
    [InlineData("1234567.891", "EUR", "1,234,567.89 EUR")]
    [InlineData("-12", "JPY", "-12.00 JPY")]
    public void Format_Amount_InvariantInBillingCurrency(string amount, string currency, string expected) =>
        Assert.Equal(expected, MoneyText.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), new Currency(currency)));

    [Fact]
    public void Format_UnderAnotherCulture_StaysInvariant()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            Assert.Equal("$1,000.00", MoneyText.Format(1000m, Currency.Usd));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
