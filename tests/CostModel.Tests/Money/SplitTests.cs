using Costs.CostModel.Money;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostModel.Tests.Money;

public class SplitTests
{
    [Theory]
    [InlineData("1.00", new[] { 1, 1, 1 }, 2, new[] { "0.34", "0.33", "0.33" })]
    [InlineData("-1.00", new[] { 1, 1, 1 }, 2, new[] { "-0.34", "-0.33", "-0.33" })]
    [InlineData("10", new[] { 0, 0 }, 2, new[] { "5", "5" })]
    [InlineData("0.05", new[] { 3, 1 }, 2, new[] { "0.04", "0.01" })]
    [InlineData("100", new[] { 1, 2, 7 }, 0, new[] { "10", "20", "70" })]
    public void ByWeight_Examples_GiveLargestRemainderParts(string amount, int[] weights, int scale, string[] expected)
    {
        var parts = Split.ByWeight(Dec(amount), weights.Select(w => (decimal)w).ToArray(), scale);
        Assert.Equal(expected.Select(Dec), parts);
    }

    [Fact]
    public void ByWeight_AnyAmountAndWeights_PartsSumToTheAmount()
    {
        var gen =
            from cents in Gen.Choose(-10_000_000, 10_000_000)
            from places in Gen.Choose(0, 9)
            from weights in Gen.ListOf(Gen.Choose(0, 1000)).Where(w => w.Count > 0)
            select (Amount: cents / (decimal)Math.Pow(10, places), Weights: weights.Select(w => (decimal)w).ToArray());
        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var parts = Split.ByWeight(input.Amount, input.Weights, 6);
            return parts.Sum() == input.Amount && parts.Length == input.Weights.Length;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ByWeight_NegativeWeight_Throws() =>
        Assert.Throws<ArgumentException>(() => Split.ByWeight(1m, [1m, -1m]));

    private static decimal Dec(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
