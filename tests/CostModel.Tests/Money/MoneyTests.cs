using Costs.CostModel.Money;

namespace Costs.CostModel.Tests.Money;

public class MoneyTests
{
    [Fact]
    public void Add_TwoCurrencies_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new CostModel.Money.Money(1m, Currency.Usd) + new CostModel.Money.Money(1m, new Currency("EUR")));

    [Fact]
    public void Add_SameCurrency_IsExact() =>
        Assert.Equal(0.3m, (new CostModel.Money.Money(0.1m, Currency.Usd) + new CostModel.Money.Money(0.2m, Currency.Usd)).Amount);

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("US1")]
    public void Currency_InvalidCode_Throws(string code) => Assert.Throws<ArgumentException>(() => new Currency(code));
}
