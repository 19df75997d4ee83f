using System.Net.Http.Headers;

namespace Costs.CostResilience;

/// <summary>
/// The one reading of a <c>Retry-After</c> header (RFC 9110 §10.2.3): seconds (<c>Retry-After: 7</c>)
/// or an HTTP date, measured against the injected clock. The Microsoft.Extensions.Http.Resilience
/// reader measures a date against the system clock, which a test clock cannot move; hence this one.
/// </summary>
public static class RetryAfter
{
    /// <summary>
    /// The wait the header asks for, between zero (a date already past) and <paramref name="max"/>;
    /// null when the response carries no usable header (then the backoff applies).
    /// </summary>
    public static TimeSpan? Delay(HttpResponseMessage? response, TimeProvider clock, TimeSpan max)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return response?.Headers.RetryAfter is { } header ? Delay(header, clock.GetUtcNow(), max) : null;
    }

    internal static TimeSpan? Delay(RetryConditionHeaderValue header, DateTimeOffset now, TimeSpan max)
    {
        TimeSpan? asked = header.Delta ?? (header.Date is { } date ? date - now : null);
        if (asked is not { } wait) return null;
        if (wait < TimeSpan.Zero) return TimeSpan.Zero;
        return wait > max ? max : wait;
    }
}
