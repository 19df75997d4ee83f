using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace Costs.CostIngest.Kubernetes;

/// <summary>The reads that collect makes of one cluster: the seam to the Kubernetes API.</summary>
public interface IKubernetesApi
{
    string Name { get; }
    Task<IReadOnlyList<KubeNode>> ListNodesAsync(CancellationToken ct);
    Task<IReadOnlyList<KubePod>> ListPodsAsync(CancellationToken ct);
    Task<IReadOnlyList<KubeOwned>> ListReplicaSetsAsync(CancellationToken ct);
    Task<IReadOnlyList<KubeOwned>> ListJobsAsync(CancellationToken ct);
    /// <summary>Null when the cluster does not serve metrics.k8s.io (404: no metrics-server).</summary>
    Task<IReadOnlyList<PodMetrics>?> ListPodMetricsAsync(CancellationToken ct);
    /// <summary>Null when the cluster does not serve metrics.k8s.io (404: no metrics-server).</summary>
    Task<IReadOnlyList<NodeMetrics>?> ListNodeMetricsAsync(CancellationToken ct);
}

/// <summary>
/// A small typed Kubernetes REST client over HttpClient. 429 and 5xx answers and connection failures are
/// retried three times (Polly; Retry-After honoured). Lists page with <c>limit</c>/<c>continue</c>; a
/// 410 Gone (the continue token expired) restarts the list from the beginning. A 401 refreshes the
/// bearer token once (exec plugins, rotated files) and then fails; 401 and 403 fail with one line that
/// names the cluster, the resource and the RBAC verb that is missing.
/// </summary>
public sealed class KubeApiClient : IKubernetesApi, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int MaxRestarts = 3;
    private readonly HttpClient _http;
    private readonly IBearerTokenSource? _token;
    private readonly string _label;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    /// <param name="retryDelay">First retry delay (then doubled, with jitter); a Retry-After header wins. Default 1 s.</param>
    public KubeApiClient(KubeConnection connection, int pageSize = 500, TimeSpan? timeout = null, TimeSpan? retryDelay = null,
        TimeProvider? clock = null)
    {
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                Delay = retryDelay ?? TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = retryDelay != TimeSpan.Zero,
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
        Name = connection.Name;
        _label = connection.Context is null || connection.Context == connection.Name
            ? $"Cluster '{connection.Name}'" : $"Cluster '{connection.Name}' (context '{connection.Context}')";
        _token = connection.Token;
        PageSize = pageSize is > 0 ? pageSize : throw new ArgumentOutOfRangeException(nameof(pageSize));
        _http = new HttpClient(connection.CreateHandler())
        {
            BaseAddress = connection.Server,
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("costs", "1.0"));
    }

    public string Name { get; }
    public int PageSize { get; }

    public Task<IReadOnlyList<KubeNode>> ListNodesAsync(CancellationToken ct) =>
        ListAsync<KubeNode>("/api/v1/nodes", new Resource("", "nodes"), ct);

    public Task<IReadOnlyList<KubePod>> ListPodsAsync(CancellationToken ct) =>
        ListAsync<KubePod>("/api/v1/pods", new Resource("", "pods"), ct);

    public Task<IReadOnlyList<KubeOwned>> ListReplicaSetsAsync(CancellationToken ct) =>
        ListAsync<KubeOwned>("/apis/apps/v1/replicasets", new Resource("apps", "replicasets"), ct);

    public Task<IReadOnlyList<KubeOwned>> ListJobsAsync(CancellationToken ct) =>
        ListAsync<KubeOwned>("/apis/batch/v1/jobs", new Resource("batch", "jobs"), ct);

    public async Task<IReadOnlyList<PodMetrics>?> ListPodMetricsAsync(CancellationToken ct)
    {
        try
        {
            return await ListAsync<PodMetrics>("/apis/metrics.k8s.io/v1beta1/pods", new Resource("metrics.k8s.io", "pods"), ct);
        }
        catch (KubernetesException ex) when (ex.StatusCode is 404 or 503)
        {
            return null; // no metrics-server (404), or its APIService is unavailable (503)
        }
    }

    public async Task<IReadOnlyList<NodeMetrics>?> ListNodeMetricsAsync(CancellationToken ct)
    {
        try
        {
            return await ListAsync<NodeMetrics>("/apis/metrics.k8s.io/v1beta1/nodes", new Resource("metrics.k8s.io", "nodes"), ct);
        }
        catch (KubernetesException ex) when (ex.StatusCode is 404 or 503)
        {
            return null; // no metrics-server (404), or its APIService is unavailable (503)
        }
    }

    private sealed record Resource(string Group, string Plural)
    {
        public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(string path, Resource resource, CancellationToken ct)
    {
        var items = new List<T>();
        string? next = null;
        var restarts = 0;
        while (true)
        {
            var url = $"{path}?limit={PageSize}" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next));
            using var response = await SendAsync(url, ct);
            if (response.StatusCode == HttpStatusCode.Gone && next is not null && restarts < MaxRestarts)
            {
                // The continue token expired: the only consistent answer is a new list from the start.
                items.Clear();
                next = null;
                restarts++;
                continue;
            }
            if (!response.IsSuccessStatusCode) throw await FailureAsync(response, resource, ct);
            KubeList<T>? page;
            try
            {
                page = await response.Content.ReadFromJsonAsync<KubeList<T>>(Json, ct);
            }
            catch (JsonException ex)
            {
                throw new KubernetesException($"{_label}: listing {resource} returned JSON that is not a list: {ex.Message}", inner: ex);
            }
            if (page?.Items is { } pageItems) items.AddRange(pageItems);
            next = page?.Metadata?.Continue;
            if (string.IsNullOrEmpty(next)) return items;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string url, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var bearer = _token is null ? null : await _token.GetTokenAsync(ct);
            HttpResponseMessage response;
            try
            {
                response = await _retry.ExecuteAsync(async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                    return await _http.SendAsync(request, token);
                }, ct);
            }
            catch (HttpRequestException ex)
            {
                throw new KubernetesException($"{_label}: cannot reach {_http.BaseAddress}: {ex.Message}", inner: ex);
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new KubernetesException($"{_label}: {_http.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0}s.", inner: ex);
            }
            if (response.StatusCode == HttpStatusCode.Unauthorized && _token is not null && attempt == 0)
            {
                // A rotated file or an expired plugin token: fetch a fresh one and try once more.
                response.Dispose();
                _token.Invalidate();
                continue;
            }
            return response;
        }
    }

    private async Task<KubernetesException> FailureAsync(HttpResponseMessage response, Resource resource, CancellationToken ct)
    {
        var code = (int)response.StatusCode;
        var status = await ReadStatusAsync(response, ct);
        var detail = status?.Message is { Length: > 0 } m ? $" ({m})" : "";
        var message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized =>
                $"{_label}: 401 Unauthorized listing {resource}: the API server refused the credentials (expired token, wrong context?){detail}.",
            HttpStatusCode.Forbidden =>
                $"{_label}: 403 Forbidden: RBAC verb 'list' on resource '{resource.Plural}' in API group '{resource.Group}' is missing; apply deploy/base/rbac/clusterrole.yaml{detail}.",
            HttpStatusCode.NotFound =>
                $"{_label}: 404 Not Found listing {resource}: the API server does not serve it{detail}.",
            HttpStatusCode.Gone =>
                $"{_label}: 410 Gone listing {resource}, again after {MaxRestarts} restarts{detail}.",
            _ => $"{_label}: {code} {response.ReasonPhrase} listing {resource}{detail}.",
        };
        return new KubernetesException(message, code);
    }

    private static async Task<KubeStatus?> ReadStatusAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (text.Length == 0 || text[0] != '{') return null;
            var status = JsonSerializer.Deserialize<KubeStatus>(text, Json);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null; // not a Status object: the status code alone tells what failed
        }
    }

    public void Dispose() => _http.Dispose();
}
