using Costs.CostApplication.CostInsights;
using Costs.CostModel.Time;

namespace Costs.CostApplication.Tests.CostInsights;

public sealed class RepeatingIntervalTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Parse_ThirtyDaysTwice_TwoPeriodsEndingOnTheExclusiveEnd()
    {
        var i = RepeatingInterval.Parse("R2/P30D/2026-11-01");

        Assert.Equal([new DateRange(D("2026-09-02"), D("2026-10-02")), new DateRange(D("2026-10-02"), D("2026-11-01"))], i.Periods);
        Assert.Equal(new DateRange(D("2026-09-02"), D("2026-11-01")), i.Span);
        Assert.Equal("R2/P30D/2026-11-01", i.ToString());
    }

    [Fact]
    public void Parse_QuarterTwice_CalendarMonths()
    {
        var i = RepeatingInterval.Parse("R2/P3M/2026-10-01");

        Assert.Equal([new DateRange(D("2026-04-01"), D("2026-07-01")), new DateRange(D("2026-07-01"), D("2026-10-01"))], i.Periods);
    }

    [Fact]
    public void Parse_WeeksThrice_ThreeSevenDayPeriods()
    {
        var i = RepeatingInterval.Parse("R3/P1W/2026-11-22");

        Assert.Equal(3, i.Periods.Count);
        Assert.Equal(D("2026-11-01"), i.Span.Start);
        Assert.All(i.Periods, p => Assert.Equal(7, p.Days));
    }

    [Theory]
    [InlineData("", "missing")]
    [InlineData("R2/P30D", "not an ISO 8601 repeating interval")]
    [InlineData("R2/2026-11-01/P30D", "not an ISO 8601 repeating interval")]
    [InlineData("R/P30D/2026-11-01", "not an ISO 8601 repeating interval")]
    [InlineData("r2/p30d/2026-11-01", "not an ISO 8601 repeating interval")]
    [InlineData("R2/P30D/2026-11-01\n", "not an ISO 8601 repeating interval")]
    [InlineData(" R2/P30D/2026-11-01", "not an ISO 8601 repeating interval")]
    [InlineData("R2/P30H/2026-11-01", "not an ISO 8601 repeating interval")]
    [InlineData("R2/PT30D/2026-11-01", "not an ISO 8601 repeating interval")]
    [InlineData("R2/P30D/2026-11-01T00:00:00Z", "not an ISO 8601 repeating interval")]
    [InlineData("R0/P30D/2026-11-01", "repetitions must be 1 or more")]
    [InlineData("R2/P0D/2026-11-01", "length must be 1 or more")]
    [InlineData("R2/P30D/2026-02-30", "'2026-02-30' is not a calendar date")]
    [InlineData("R12/P12M/2026-11-01", "spans more than 1200 days")]
    [InlineData("R2/P30D/0001-01-10", "outside the years")]
    public void Parse_Malformed_FormatExceptionSaysWhy(string text, string why)
    {
        var ex = Assert.Throws<FormatException>(() => RepeatingInterval.Parse(text));

        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("intervals: ", ex.Message, StringComparison.Ordinal);
    }
}
