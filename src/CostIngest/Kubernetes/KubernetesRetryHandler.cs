using Costs.CostResilience;
using Polly;

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// Where Kubernetes API calls are retried: the shared <see cref="RetryPipeline"/> (408, 429 and 5xx
/// answers, connection failures, a Retry-After header honoured), three times, from a first delay that
/// doubles. It sits in KubernetesClient's handler pipeline, under the credentials (the request already
/// carries its bearer token). A request that was sent and got no answer is not sent again.
/// </summary>
public sealed class KubernetesRetryHandler : DelegatingHandler
{
    public const int MaxRetries = 3;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <param name="firstDelay">First retry delay; <see cref="TimeSpan.Zero"/> retries at once (tests).</param>
    public KubernetesRetryHandler(TimeSpan firstDelay, TimeProvider clock) =>
        _pipeline = RetryPipeline.ForHttp(
            new RetryOptions { MaxRetries = MaxRetries, BaseDelay = firstDelay, MaxDelay = TimeSpan.FromSeconds(30) }, clock);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(async token => await base.SendAsync(request, token), cancellationToken).AsTask();
}
