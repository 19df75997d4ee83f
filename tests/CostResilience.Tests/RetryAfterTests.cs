using System.Net;
using System.Net.Http.Headers;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostResilience.Tests;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(2);

    private static HttpResponseMessage Answer(RetryConditionHeaderValue? header)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = header;
        return response;
    }

    [Fact]
    public void Delay_Seconds_ThatLong()
    {
        using var r = Answer(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.Delay(r, new InstantClock(Now), Max));
    }

    [Fact]
    public void Delay_HttpDate_UntilThatInstantOnTheInjectedClock()
    {
        using var r = Answer(new RetryConditionHeaderValue(Now.AddSeconds(12)));
        Assert.Equal(TimeSpan.FromSeconds(12), RetryAfter.Delay(r, new InstantClock(Now), Max));
    }

    [Fact]
    public void Delay_HttpDateAlreadyPast_Zero()
    {
        using var r = Answer(new RetryConditionHeaderValue(Now.AddMinutes(-5)));
        Assert.Equal(TimeSpan.Zero, RetryAfter.Delay(r, new InstantClock(Now), Max));
    }

    [Fact]
    public void Delay_BeyondMax_Capped()
    {
        using var r = Answer(new RetryConditionHeaderValue(TimeSpan.FromHours(1)));
        Assert.Equal(Max, RetryAfter.Delay(r, new InstantClock(Now), Max));
    }

    [Fact]
    public void Delay_NoHeaderOrNoResponse_NullSoTheBackoffApplies()
    {
        using var r = Answer(null);
        Assert.Null(RetryAfter.Delay(r, new InstantClock(Now), Max));
        Assert.Null(RetryAfter.Delay(null, new InstantClock(Now), Max));
    }

    [Fact]
    public void Delay_AnySecondsOrDate_BetweenZeroAndMax()
    {
        var offsets = Gen.Choose(-100_000, 100_000).ToArbitrary();
        Prop.ForAll(offsets, offsets, (seconds, dateOffset) =>
        {
            var max = TimeSpan.FromSeconds(Math.Abs(seconds % 600));
            var byDelta = RetryAfter.Delay(new RetryConditionHeaderValue(TimeSpan.FromSeconds(Math.Abs(seconds))), Now, max);
            var byDate = RetryAfter.Delay(new RetryConditionHeaderValue(Now.AddSeconds(dateOffset)), Now, max);
            return byDelta is { } d && d >= TimeSpan.Zero && d <= max
                && byDate is { } e && e >= TimeSpan.Zero && e <= max
                && (Math.Abs(seconds) > max.TotalSeconds || d == TimeSpan.FromSeconds(Math.Abs(seconds)));
        }).QuickCheckThrowOnFailure();
    }
}
