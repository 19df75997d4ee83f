using System.Net;
using Polly;
using Polly.Retry;

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// The one place where Kubernetes API calls are retried: 429 and 5xx answers and connection failures, three
/// times, 1 s then doubled with jitter; a Retry-After header wins. It sits in KubernetesClient's handler
/// pipeline, under the credentials (the request already carries its bearer token), so it can be swapped
/// for the shared HTTP resilience pipeline without touching the client.
/// </summary>
public sealed class KubernetesRetryHandler : DelegatingHandler
{
    public const int MaxRetries = 3;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <param name="firstDelay">First retry delay; <see cref="TimeSpan.Zero"/> retries at once, without jitter (tests).</param>
    public KubernetesRetryHandler(TimeSpan firstDelay, TimeProvider clock)
    {
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxRetries,
                Delay = firstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = firstDelay != TimeSpan.Zero,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(r => r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
                        or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(async token => await base.SendAsync(request, token), cancellationToken).AsTask();
}
