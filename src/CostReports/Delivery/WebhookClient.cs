using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly;
using Polly.Retry;

namespace Costs.CostReports.Delivery;

/// <summary>How one message's delivery ended, after retries. <see cref="Outcome"/> holds no secret.</summary>
public sealed record SendResult(bool Delivered, bool Permanent, int? StatusCode, int Attempts, string Outcome, IReadOnlyList<TimeSpan> Delays);

/// <summary>
/// Posts JSON to a webhook with retries (a Polly <see cref="ResiliencePipeline{T}"/>): 429 and 5xx,
/// timeouts (each attempt gets <see cref="DeliveryOptions.AttemptTimeout"/>) and connection failures
/// are retried, honouring Retry-After; other statuses below 200 or from 300 up are permanent. The
/// delays run on <paramref name="clock"/> (tests pass one whose timers fire at once) and are
/// reported in <see cref="SendResult.Delays"/>. The URL is a secret: it never appears in a result or
/// an exception from here.
/// </summary>
public sealed class WebhookClient(HttpClient http, DeliveryOptions options, TimeProvider clock)
{
    public async Task<SendResult> PostAsync(string url, string json, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return new SendResult(false, true, null, 0, "the webhook URL is not an absolute http(s) URL", []);

        var delays = new List<TimeSpan>();
        var attempts = 0;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
                Delay = options.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = args => new ValueTask<bool>(options.MaxRetryAttempts > 0 && IsTransient(args.Outcome)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    delays.Add(args.RetryDelay);
                    return default;
                },
            })
            .Build();

        try
        {
            using var response = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                attempt.CancelAfter(options.AttemptTimeout);
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                try
                {
                    return await http.PostAsync(uri, content, attempt.Token);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    throw new TimeoutException($"no response within {options.AttemptTimeout.TotalSeconds:0.###} s");
                }
            }, ct);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
                return new SendResult(true, false, status, attempts, $"HTTP {status}", delays);
            var permanent = !IsTransientStatus(response.StatusCode);
            return new SendResult(false, permanent, status, attempts,
                $"HTTP {status} {response.ReasonPhrase}{(permanent ? " (permanent)" : $" after {attempts} attempt(s)")}", delays);
        }
        catch (TimeoutException ex)
        {
            return new SendResult(false, false, null, attempts, $"timed out after {attempts} attempt(s): {ex.Message}", delays);
        }
        catch (HttpRequestException ex)
        {
            // The exception's message can name the host; the error kind is enough and holds no secret.
            return new SendResult(false, false, null, attempts, $"connection failed after {attempts} attempt(s): {ex.HttpRequestError}", delays);
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutException or HttpRequestException } => true,
        { Result: { } r } => IsTransientStatus(r.StatusCode),
        _ => false,
    };

    internal static bool IsTransientStatus(HttpStatusCode code) =>
        code is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)code >= 500;

    /// <summary>The Retry-After of a 429 or 5xx (seconds or a date), capped; null to use the backoff.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.Headers.RetryAfter is not RetryConditionHeaderValue header) return null;
        TimeSpan? wait = header.Delta ?? (header.Date is { } date ? date - clock.GetUtcNow() : null);
        if (wait is not { } w) return null;
        if (w < TimeSpan.Zero) w = TimeSpan.Zero;
        return w > options.MaxRetryAfter ? options.MaxRetryAfter : w;
    }
}
