namespace Costs.CostResilience;

/// <summary>
/// How an outside call is retried: up to <see cref="MaxRetries"/> more attempts after the first, the
/// first after <see cref="BaseDelay"/>, each next one twice as long, never longer than
/// <see cref="MaxDelay"/>. A Retry-After header sets the wait instead, capped at <see cref="MaxDelay"/>
/// as well. Bound from <c>BigQuery:Retry</c> and <c>Prices:Retry</c>; the <c>Delivery</c> section
/// maps its own keys onto it.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>The longest wait Polly accepts for one delay.</summary>
    public static readonly TimeSpan LongestDelay = TimeSpan.FromDays(1);

    public int MaxRetries { get; set; } = 5;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Every problem with these options, named by <c>{section}:Retry:{key}</c>.</summary>
    public IEnumerable<string> Validate(string section)
    {
        if (MaxRetries is < 0 or > 20) yield return $"{section}:Retry:MaxRetries must be between 0 and 20 (was {MaxRetries}).";
        if (BaseDelay < TimeSpan.Zero) yield return $"{section}:Retry:BaseDelay must not be negative.";
        if (MaxDelay < BaseDelay) yield return $"{section}:Retry:MaxDelay must be at least BaseDelay.";
        if (MaxDelay > LongestDelay) yield return $"{section}:Retry:MaxDelay must be at most one day.";
    }
}

/// <summary>
/// One retry about to happen: its number (1 for the first retry), the wait before it, and what the
/// attempt before it ended with: an HTTP status, or the kind of failure (never a message, which can
/// carry a URL).
/// </summary>
public sealed record RetryNotice(int Retry, TimeSpan Delay, int? StatusCode, string? Failure);
