using Costs.CostApplication.CostInsights;

namespace Costs.CostApplication.Tests.CostInsights;

public sealed class TrendlineFitTests
{
    private static readonly DateOnly First = new(2026, 10, 1);

    //  day         t   amount
    //  2026-10-01  0   1
    //  2026-10-02  1   3
    //  2026-10-03  2   2
    //  n = 3, Σt = 3, Σt² = 5, Σy = 6, Σty = 7
    //  slope = (3·7 − 3·6) / (3·5 − 3²) = 3/6 = 0.5 a day; value on the first day = (6 − 0.5·3) / 3 = 1.5
    [Fact]
    public void Fit_ThreeDays_HandComputedLeastSquares()
    {
        var (slope, atFirst) = TrendlineFit.Fit([(First, 1m), (First.AddDays(1), 3m), (First.AddDays(2), 2m)]);

        Assert.Equal(0.5m, slope);
        Assert.Equal(1.5m, atFirst);
    }

    // 2026-10-01T00:00Z is 1 790 812 800 s after the epoch; slope per second = 0.5/86400;
    // intercept = 1.5 − 0.5/86400 · 1 790 812 800 = 1.5 − 10 363.5 = −10 362.
    [Fact]
    public void Of_ThreeDays_SlopePerSecondAndInterceptAtTheEpoch()
    {
        var line = TrendlineFit.Of([(First, 1m), (First.AddDays(1), 3m), (First.AddDays(2), 2m)]);

        Assert.Equal((double)(0.5m / 86_400m), line.Slope);
        Assert.Equal(-10_362d, line.Intercept, 6);
        // As the plugin draws it: slope · Date.parse(date) / 1000 + intercept.
        Assert.Equal(1.5d, line.Slope * 1_790_812_800d + line.Intercept, 6);
        Assert.Equal(2.5d, line.Slope * (1_790_812_800d + 2 * 86_400d) + line.Intercept, 6);
    }

    [Fact]
    public void Fit_OneDay_FlatThroughIt()
    {
        Assert.Equal((0m, 7.25m), TrendlineFit.Fit([(First, 7.25m)]));
        Assert.Equal((0m, 0m), TrendlineFit.Fit([]));
    }

    [Fact]
    public void Fit_CentsOverNinetyDays_ExactLineRecovered()
    {
        // amount = 100.01 + 0.37·t exactly: the fit gives back that line to the last digit.
        var points = Enumerable.Range(0, 90).Select(t => (First.AddDays(t), 100.01m + 0.37m * t)).ToList();

        Assert.Equal((0.37m, 100.01m), TrendlineFit.Fit(points));
    }
}
