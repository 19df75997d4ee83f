namespace Costs.CostIngest.Google;

/// <summary>
/// How Google API calls are retried: 429, 5xx and BigQuery's 403 rateLimitExceeded, with exponential
/// backoff from <see cref="BaseDelay"/>; a Retry-After header, when present, sets the delay instead.
/// </summary>
public sealed class RetryOptions
{
    public int MaxRetries { get; set; } = 5;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<string> Validate(string section)
    {
        if (MaxRetries is < 0 or > 20) yield return $"{section}:Retry:MaxRetries must be between 0 and 20 (was {MaxRetries}).";
        if (BaseDelay < TimeSpan.Zero) yield return $"{section}:Retry:BaseDelay must not be negative.";
        if (MaxDelay < BaseDelay) yield return $"{section}:Retry:MaxDelay must be at least BaseDelay.";
    }
}
