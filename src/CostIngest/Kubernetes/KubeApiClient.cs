using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using k8s.Models;

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// <see cref="IKubernetesApi"/> over KubernetesClient. Lists page with <c>limit</c>/<c>continue</c>; a 410
/// Gone (the continue token expired) restarts the list from the beginning. Retries live in
/// <see cref="KubernetesRetryHandler"/>. Every failure is one <see cref="KubernetesException"/> line that
/// names the cluster (and context), the resource and, for 401/403, what is missing.
/// </summary>
public sealed class KubeApiClient : IKubernetesApi, IDisposable
{
    private const int MaxRestarts = 3;
    private const string Metrics = "metrics.k8s.io";
    private readonly k8s.Kubernetes _client;
    private readonly string _label;
    private readonly string _server;

    /// <param name="config">What KubernetesClient built for the cluster; the client adjusts it (timeout, user agent, trust) and owns it.</param>
    /// <param name="retryDelay">First retry delay (then doubled, with jitter); a Retry-After header wins. Default 1 s.</param>
    public KubeApiClient(string name, string? context, KubernetesClientConfiguration config, int pageSize = 500,
        TimeSpan? timeout = null, TimeSpan? retryDelay = null, TimeProvider? clock = null)
    {
        PageSize = pageSize is > 0 ? pageSize : throw new ArgumentOutOfRangeException(nameof(pageSize));
        Name = name;
        _label = Label(name, context);
        _server = config.Host;
        config.HttpClientTimeout = timeout ?? TimeSpan.FromSeconds(60);
        config.UserAgent ??= "costs/1.0";
        ClusterTrust.Apply(config);
        _client = new k8s.Kubernetes(config, new KubernetesRetryHandler(retryDelay ?? TimeSpan.FromSeconds(1), clock ?? TimeProvider.System));
    }

    public string Name { get; }
    public int PageSize { get; }

    /// <summary>How messages name a cluster: <c>Cluster 'prod-eu' (context 'gke_…')</c>.</summary>
    internal static string Label(string name, string? context) =>
        context is null || context == name ? $"Cluster '{name}'" : $"Cluster '{name}' (context '{context}')";

    public Task<IReadOnlyList<V1Node>> ListNodesAsync(CancellationToken ct) =>
        ListAsync(new Resource("", "nodes"), async (next, c) =>
        {
            var list = await _client.CoreV1.ListNodeAsync(continueParameter: next, limit: PageSize, cancellationToken: c);
            return (list.Items, list.Metadata?.ContinueProperty);
        }, ct);

    public Task<IReadOnlyList<V1Pod>> ListPodsAsync(CancellationToken ct) =>
        ListAsync(new Resource("", "pods"), async (next, c) =>
        {
            var list = await _client.CoreV1.ListPodForAllNamespacesAsync(continueParameter: next, limit: PageSize, cancellationToken: c);
            return (list.Items, list.Metadata?.ContinueProperty);
        }, ct);

    public Task<IReadOnlyList<V1ReplicaSet>> ListReplicaSetsAsync(CancellationToken ct) =>
        ListAsync(new Resource("apps", "replicasets"), async (next, c) =>
        {
            var list = await _client.AppsV1.ListReplicaSetForAllNamespacesAsync(continueParameter: next, limit: PageSize, cancellationToken: c);
            return (list.Items, list.Metadata?.ContinueProperty);
        }, ct);

    public Task<IReadOnlyList<V1Job>> ListJobsAsync(CancellationToken ct) =>
        ListAsync(new Resource("batch", "jobs"), async (next, c) =>
        {
            var list = await _client.BatchV1.ListJobForAllNamespacesAsync(continueParameter: next, limit: PageSize, cancellationToken: c);
            return (list.Items, list.Metadata?.ContinueProperty);
        }, ct);

    public Task<IReadOnlyList<V1Namespace>> ListNamespacesAsync(CancellationToken ct) =>
        ListAsync(new Resource("", "namespaces"), async (next, c) =>
        {
            var list = await _client.CoreV1.ListNamespaceAsync(continueParameter: next, limit: PageSize, cancellationToken: c);
            return (list.Items, list.Metadata?.ContinueProperty);
        }, ct);

    public Task<IReadOnlyList<PodMetrics>?> ListPodMetricsAsync(CancellationToken ct) => ListMetricsAsync<PodMetrics>("pods", ct);

    public Task<IReadOnlyList<NodeMetrics>?> ListNodeMetricsAsync(CancellationToken ct) => ListMetricsAsync<NodeMetrics>("nodes", ct);

    private async Task<IReadOnlyList<T>?> ListMetricsAsync<T>(string plural, CancellationToken ct)
    {
        try
        {
            return await ListAsync<T>(new Resource(Metrics, plural), async (next, c) =>
            {
                var list = await _client.CustomObjects.ListClusterCustomObjectAsync<MetricsList<T>>(Metrics, "v1beta1", plural,
                    continueParameter: next, limit: PageSize, cancellationToken: c);
                return (list.Items, list.Metadata?.ContinueProperty);
            }, ct);
        }
        catch (KubernetesException ex) when (ex.StatusCode is 404 or 503)
        {
            return null; // no metrics-server (404), or its APIService is unavailable (503)
        }
    }

    /// <summary>
    /// A metrics.k8s.io list with its list metadata. KubernetesClient's PodMetricsList and NodeMetricsList
    /// type their metadata as object metadata, which has no <c>continue</c>.
    /// </summary>
    private sealed class MetricsList<T>
    {
        [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; set; }
        [JsonPropertyName("items")] public List<T>? Items { get; set; }
    }

    private sealed record Resource(string Group, string Plural)
    {
        public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(Resource resource,
        Func<string?, CancellationToken, Task<(IList<T>? Items, string? Continue)>> page, CancellationToken ct)
    {
        var items = new List<T>();
        string? next = null;
        var restarts = 0;
        while (true)
        {
            (IList<T>? Items, string? Continue) result;
            try
            {
                result = await page(next, ct);
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Gone && next is not null && restarts < MaxRestarts)
            {
                // The continue token expired: the only consistent answer is a new list from the start.
                items.Clear();
                next = null;
                restarts++;
                continue;
            }
            catch (Exception ex) when (Failure(ex, resource, ct) is { } failure)
            {
                throw failure;
            }
            if (result.Items is { } pageItems) items.AddRange(pageItems);
            next = result.Continue;
            if (string.IsNullOrEmpty(next)) return items;
        }
    }

    /// <summary>The one line that says what failed, or null for an exception that is not the cluster's (cancellation).</summary>
    private KubernetesException? Failure(Exception ex, Resource resource, CancellationToken ct) => ex switch
    {
        AggregateException { InnerExceptions: [var inner] } => Failure(inner, resource, ct), // TokenFileAuth's read, through ContinueWith
        HttpOperationException { Response: { } response } => Refused(response.StatusCode, response.ReasonPhrase, response.Content, resource),
        HttpRequestException => new KubernetesException($"{_label}: cannot reach {_server}: {ex.Message}", inner: ex),
        KubeConfigException => // an exec plugin run again for a fresh token
            new KubernetesException($"{_label}: the credential plugin failed while listing {resource}: {KubeconfigFiles.FirstLine(ex.Message)}", inner: ex),
        IOException or UnauthorizedAccessException => // a token file (tokenFile, the service account's) that is gone
            new KubernetesException($"{_label}: cannot read its token while listing {resource}: {ex.Message}", inner: ex),
        OperationCanceledException when !ct.IsCancellationRequested =>
            new KubernetesException($"{_label}: {_server} did not answer within {_client.HttpClientTimeout.TotalSeconds:0}s.", inner: ex),
        JsonException =>
            new KubernetesException($"{_label}: listing {resource} returned JSON that is not a list: {ex.Message}", inner: ex),
        FormatException or ArgumentException or OverflowException =>
            new KubernetesException($"{_label}: listing {resource} returned a value that does not parse (a resource quantity?): {ex.Message}", inner: ex),
        _ => null,
    };

    private KubernetesException Refused(HttpStatusCode status, string? reason, string? body, Resource resource)
    {
        var code = (int)status;
        var detail = StatusMessage(body) is { Length: > 0 } m ? $" ({m})" : "";
        var message = status switch
        {
            HttpStatusCode.Unauthorized =>
                $"{_label}: 401 Unauthorized listing {resource}: the API server refused the credentials (expired token, wrong context?){detail}.",
            HttpStatusCode.Forbidden =>
                $"{_label}: 403 Forbidden: RBAC verb 'list' on resource '{resource.Plural}' in API group '{resource.Group}' is missing; apply deploy/base/rbac/clusterrole.yaml{detail}.",
            HttpStatusCode.NotFound =>
                $"{_label}: 404 Not Found listing {resource}: the API server does not serve it{detail}.",
            HttpStatusCode.Gone =>
                $"{_label}: 410 Gone listing {resource}, again after {MaxRestarts} restarts{detail}.",
            _ => $"{_label}: {code} {reason} listing {resource}{detail}.",
        };
        return new KubernetesException(message, code);
    }

    /// <summary>The message of the meta/v1 Status that the API server sends with an error, if the body is one.</summary>
    private static string? StatusMessage(string? body)
    {
        if (string.IsNullOrEmpty(body) || body[0] != '{') return null;
        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(body);
            return status?.Kind == "Status" ? status.Message : null;
        }
        catch (JsonException)
        {
            return null; // not a Status object: the status code alone tells what failed
        }
    }

    public void Dispose() => _client.Dispose();
}
