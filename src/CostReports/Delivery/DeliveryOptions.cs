using Costs.CostResilience;

namespace Costs.CostReports.Delivery;

/// <summary>
/// Retries of chat webhooks and SMTP (configuration section <c>Delivery</c>), run by the shared
/// <see cref="RetryPipeline"/> (<see cref="ToRetryOptions"/>). 408, 429 and 5xx responses, timeouts
/// before the request was written and connection failures are retried; other 4xx are permanent. A
/// Retry-After header is honoured (up to <see cref="MaxRetryAfter"/>); otherwise the delay doubles from
/// <see cref="BaseDelay"/>, also up to <see cref="MaxRetryAfter"/>.
/// </summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    public int MaxRetryAttempts { get; set; } = 4;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// These keys as the shared options: <see cref="MaxRetryAttempts"/> retries from
    /// <see cref="BaseDelay"/>, every wait (backoff or Retry-After) capped at <see cref="MaxRetryAfter"/>
    /// (or at <see cref="BaseDelay"/> when that is longer).
    /// </summary>
    public RetryOptions ToRetryOptions() => new()
    {
        MaxRetries = MaxRetryAttempts,
        BaseDelay = BaseDelay,
        MaxDelay = MaxRetryAfter > BaseDelay ? MaxRetryAfter : BaseDelay,
    };

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxRetryAttempts is < 0 or > 20) errors.Add($"{SectionName}:MaxRetryAttempts: must be 0 to 20 (is {MaxRetryAttempts}).");
        if (BaseDelay < TimeSpan.Zero || BaseDelay > TimeSpan.FromMinutes(10)) errors.Add($"{SectionName}:BaseDelay: must be 0 to 10 minutes (is {BaseDelay}).");
        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TimeSpan.FromMinutes(10)) errors.Add($"{SectionName}:AttemptTimeout: must be above 0 and at most 10 minutes (is {AttemptTimeout}).");
        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromHours(1)) errors.Add($"{SectionName}:MaxRetryAfter: must be 0 to 1 hour (is {MaxRetryAfter}).");
        return errors;
    }
}
