using Costs.CostWeb.Pages;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostWeb.Tests.Pages;

public sealed class SvgChartTests
{
    [Theory]
    [InlineData("10", "5")]
    [InlineData("9.15", "5")]
    [InlineData("100", "50")]
    [InlineData("1234", "500")]
    [InlineData("0.3", "0.1")]
    [InlineData("0", "1")]
    public void TickStep_Range_RoundStepOfAboutAQuarter(string range, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            SvgChart.TickStep(decimal.Parse(range, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void TickStep_AnyRange_AtMostFourStepsCoverIt()
    {
        Prop.ForAll(Gen.Choose(1, 100_000_000).Select(c => c / 100m).ToArbitrary(), range =>
        {
            var step = SvgChart.TickStep(range);
            return step * 4m >= range && step * 4m / 10m < range;
        }).QuickCheckThrowOnFailure();
    }
}
