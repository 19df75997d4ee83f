using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace Costs.CostResilience;

/// <summary>
/// An API-specific rule on top of the transient statuses: true when a response the standard rules
/// call permanent is worth a retry (BigQuery's 403 <c>rateLimitExceeded</c>). It may read the body;
/// it should buffer it first (<see cref="HttpContent.LoadIntoBufferAsync(CancellationToken)"/>) so
/// the caller can still read it.
/// </summary>
public delegate ValueTask<bool> TransientResponseRule(HttpResponseMessage response, CancellationToken ct);

/// <summary>
/// The one place that decides how an outside call is retried. Transient: 408, 429 and 5xx answers,
/// connection failures (<see cref="HttpRequestException"/>), an attempt that timed out before its
/// request was written (<see cref="AttemptTimeoutException"/>, an HttpClient timeout, a Polly
/// timeout), plus what an API adds (<see cref="TransientResponseRule"/>). Never retried: the caller's
/// own cancellation, and <see cref="OutcomeUnknownException"/> (the request left and no answer came).
/// Waits: exponential from <see cref="RetryOptions.BaseDelay"/>, capped by
/// <see cref="RetryOptions.MaxDelay"/>, no jitter; a Retry-After header (seconds or a date, read by
/// <see cref="RetryAfter"/> against <c>clock</c>) replaces the backoff, capped likewise. Waits run on
/// the injected <see cref="TimeProvider"/>, so tests can make them instant and still see them.
/// </summary>
public static class RetryPipeline
{
    /// <summary>The pipeline for HTTP calls; run each attempt through it with a fresh request.</summary>
    /// <param name="onRetry">Told of each retry before its wait (to log it, or to record the waits).</param>
    /// <param name="alsoTransient">An API's extra transient answers.</param>
    public static ResiliencePipeline<HttpResponseMessage> ForHttp(RetryOptions options, TimeProvider clock,
        Action<RetryNotice>? onRetry = null, TransientResponseRule? alsoTransient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (options.MaxRetries <= 0) return ResiliencePipeline<HttpResponseMessage>.Empty;
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            // Its own Retry-After reader measures dates on the system clock: ours below uses `clock`.
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ShouldRetryAsync(args.Outcome, alsoTransient, args.Context.CancellationToken),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter.Delay(args.Outcome.Result, clock, options.MaxDelay)),
            OnRetry = args =>
            {
                onRetry?.Invoke(new RetryNotice(args.AttemptNumber + 1, args.RetryDelay,
                    args.Outcome.Result is { } r ? (int)r.StatusCode : null, FailureKind(args.Outcome.Exception)));
                args.Outcome.Result?.Dispose();
                return ValueTask.CompletedTask;
            },
        };
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }.AddRetry(retry).Build();
    }

    /// <summary>
    /// The same pipeline as a <see cref="DelegatingHandler"/> (<see cref="ResilienceHandler"/>) over
    /// <paramref name="inner"/>, for a client that owns its <see cref="HttpClient"/>: every request
    /// sent through it is retried as <see cref="ForHttp"/> says. Its timeout is the HttpClient's,
    /// across all attempts; give each attempt its own with a Polly timeout or <see cref="HttpAttempt"/>.
    /// </summary>
    public static DelegatingHandler Handler(RetryOptions options, TimeProvider clock, HttpMessageHandler inner,
        Action<RetryNotice>? onRetry = null, TransientResponseRule? alsoTransient = null) =>
        new ResilienceHandler(ForHttp(options, clock, onRetry, alsoTransient)) { InnerHandler = inner };

    /// <summary>
    /// The pipeline for a call that is not HTTP (SMTP): it retries the exceptions
    /// <paramref name="isTransient"/> accepts, with the same waits (there is no Retry-After).
    /// </summary>
    public static ResiliencePipeline ForOperation(RetryOptions options, TimeProvider clock, Func<Exception, bool> isTransient,
        Action<RetryNotice>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(isTransient);
        if (options.MaxRetries <= 0) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                    && ex is not (OutcomeUnknownException or OperationCanceledException) && isTransient(ex)),
                OnRetry = args =>
                {
                    onRetry?.Invoke(new RetryNotice(args.AttemptNumber + 1, args.RetryDelay, null, FailureKind(args.Outcome.Exception)));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Whether an HTTP status alone is worth a retry: 408, 429 and 5xx (the package's rule).</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The standard rules (no API-specific ones); <paramref name="ct"/> is the caller's token.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken ct) => outcome.Exception switch
    {
        OutcomeUnknownException => false,
        AttemptTimeoutException => true,
        // HttpClient.Timeout elapsed (the caller's own cancellation is never retried).
        OperationCanceledException { InnerException: TimeoutException } => !ct.IsCancellationRequested,
        // 408, 429, 5xx; HttpRequestException; Polly's TimeoutRejectedException.
        _ => HttpClientResiliencePredicates.IsTransient(outcome),
    };

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, TransientResponseRule? alsoTransient,
        CancellationToken ct) =>
        IsTransient(outcome, ct)
        || (alsoTransient is not null && outcome.Result is { } r && !ct.IsCancellationRequested && await alsoTransient(r, ct));

    /// <summary>The kind of a failure, without its message (which can name a host or a secret URL).</summary>
    internal static string? FailureKind(Exception? ex) => ex switch
    {
        null => null,
        HttpRequestException h => $"{nameof(HttpRequestException)} ({h.HttpRequestError})",
        _ => ex.GetType().Name,
    };
}
