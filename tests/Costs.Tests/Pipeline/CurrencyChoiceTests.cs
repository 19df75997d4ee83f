using Costs.CostApplication.Query;
using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.Tests.Pipeline;

public class CurrencyChoiceTests
{
    private static BilledDay Day(string currency) => new(new DateOnly(2026, 10, 1), new Currency(currency), new InvoiceMonth(2026, 10), 1m, 0m);

    [Theory]
    [InlineData(new[] { "EUR" }, null, "EUR")]
    [InlineData(new[] { "EUR", "USD" }, "usd", "USD")]
    [InlineData(new string[0], null, "USD")]
    [InlineData(new string[0], "chf", "CHF")]
    public void Pick_Cases_GiveTheCurrency(string[] billed, string? requested, string expected) =>
        Assert.Equal(expected, CurrencyChoice.Pick(billed.Select(Day), requested, "that range").Code);

    [Theory]
    [InlineData(new[] { "EUR", "USD" }, null, "That range holds several currencies (EUR, USD): pick one with --currency.")]
    [InlineData(new[] { "EUR" }, "usd", "No cost in USD in that range; it holds EUR.")]
    [InlineData(new[] { "EUR" }, "EU", "--currency: 'EU' is not an ISO 4217 currency code.")]
    public void Pick_Ambiguous_IsAUsageErrorThatSaysWhy(string[] billed, string? requested, string message)
    {
        var ex = Assert.Throws<StageException>(() => CurrencyChoice.Pick(billed.Select(Day), requested, "that range"));
        Assert.Equal((FailureKind.Configuration, message), (ex.Kind, ex.Message));
    }
}
