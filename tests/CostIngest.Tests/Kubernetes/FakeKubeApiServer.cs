using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Costs.CostIngest.Tests.Kubernetes;

/// <summary>
/// A loopback Kestrel server that speaks the list endpoints collect uses, with the Kubernetes API shapes:
/// paging by <c>limit</c>/<c>continue</c>, bearer tokens (401), RBAC refusals (403), an expired continue
/// token (410) and an absent metrics API (404 Status); over HTTP or HTTPS, at the root or under a path prefix.
/// See fixtures/README.md for where the shapes come from.
/// </summary>
internal sealed class FakeKubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public List<JsonObject> Nodes { get; } = [];
    public List<JsonObject> Pods { get; } = [];
    public List<JsonObject> ReplicaSets { get; } = [];
    public List<JsonObject> Jobs { get; } = [];
    public List<JsonObject> Namespaces { get; } = [];
    public List<JsonObject> PodMetrics { get; } = [];
    public List<JsonObject> NodeMetrics { get; } = [];
    public bool MetricsServed { get; set; } = true;
    public string? Token { get; set; } = "good-token";
    public HashSet<string> Forbidden { get; } = [];
    /// <summary>How many requests that carry a continue token answer 410 Gone before paging works again.</summary>
    public int ExpireContinueTimes { get; set; }
    public ConcurrentQueue<string> Requests { get; } = new();
    /// <summary>Status codes to answer first, one per request, before serving normally (429 comes with Retry-After: 0).</summary>
    public ConcurrentQueue<int> FailFirst { get; } = new();

    /// <summary>The subject of the client certificate each TLS connection presented (null: none).</summary>
    public ConcurrentQueue<string?> ClientCertificates { get; } = new();
    private readonly string _pathPrefix;

    private FakeKubeApiServer(WebApplication app, string pathPrefix)
    {
        _app = app;
        _pathPrefix = pathPrefix;
    }

    /// <summary>The server URL a kubeconfig names: scheme, 127.0.0.1, the port and the path prefix, if any.</summary>
    public Uri BaseAddress =>
        new(new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), _pathPrefix);

    /// <summary>
    /// Starts on 127.0.0.1 and a free port: plain HTTP, or HTTPS with <paramref name="certificate"/>. With a
    /// <paramref name="pathPrefix"/> (<c>/k8s/clusters/c-abc12</c>, as Rancher proxies a cluster) the API is
    /// served under it only. <paramref name="askClientCertificate"/> asks each TLS client for a certificate
    /// (any is accepted; <see cref="ClientCertificates"/> records it), as an API server that takes x509 users does.
    /// </summary>
    public static async Task<FakeKubeApiServer> StartAsync(X509Certificate2? certificate = null, string pathPrefix = "",
        bool askClientCertificate = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                ClientCertificateMode = askClientCertificate ? ClientCertificateMode.AllowCertificate : ClientCertificateMode.NoCertificate,
                ClientCertificateValidation = (_, _, _) => true,
            })));
        }
        var app = builder.Build();
        if (certificate is null) app.Urls.Add("http://127.0.0.1:0");
        var server = new FakeKubeApiServer(app, pathPrefix.Length == 0 ? "" : pathPrefix.TrimEnd('/') + "/");
        IEndpointRouteBuilder api = pathPrefix.Length == 0 ? app : app.MapGroup(pathPrefix);
        api.MapGet("/api/v1/nodes", ctx => server.ListAsync(ctx, "", "nodes", "NodeList", "v1", server.Nodes));
        api.MapGet("/api/v1/pods", ctx => server.ListAsync(ctx, "", "pods", "PodList", "v1", server.Pods));
        api.MapGet("/apis/apps/v1/replicasets", ctx => server.ListAsync(ctx, "apps", "replicasets", "ReplicaSetList", "apps/v1", server.ReplicaSets));
        api.MapGet("/api/v1/namespaces", ctx => server.ListAsync(ctx, "", "namespaces", "NamespaceList", "v1", server.Namespaces));
        api.MapGet("/apis/batch/v1/jobs", ctx => server.ListAsync(ctx, "batch", "jobs", "JobList", "batch/v1", server.Jobs));
        api.MapGet("/apis/metrics.k8s.io/v1beta1/pods", ctx => server.MetricsServed
            ? server.ListAsync(ctx, "metrics.k8s.io", "pods", "PodMetricsList", "metrics.k8s.io/v1beta1", server.PodMetrics)
            : NotFound(ctx));
        api.MapGet("/apis/metrics.k8s.io/v1beta1/nodes", ctx => server.MetricsServed
            ? server.ListAsync(ctx, "metrics.k8s.io", "nodes", "NodeMetricsList", "metrics.k8s.io/v1beta1", server.NodeMetrics)
            : NotFound(ctx));
        await app.StartAsync();
        return server;
    }

    private async Task ListAsync(HttpContext ctx, string group, string plural, string kind, string apiVersion, List<JsonObject> items)
    {
        Requests.Enqueue(ctx.Request.Path + ctx.Request.QueryString);
        if (ctx.Request.IsHttps) ClientCertificates.Enqueue(ctx.Connection.ClientCertificate?.Subject);
        if (FailFirst.TryDequeue(out var failure))
        {
            if (failure == 429) ctx.Response.Headers.RetryAfter = "0";
            await StatusAsync(ctx, failure, failure == 429 ? "TooManyRequests" : "ServiceUnavailable", "the server is currently unable to handle the request");
            return;
        }
        if (Token is not null && ctx.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            await StatusAsync(ctx, 401, "Unauthorized", "Unauthorized");
            return;
        }
        if (Forbidden.Contains(plural))
        {
            await StatusAsync(ctx, 403, "Forbidden",
                $"{plural}{(group.Length > 0 ? "." + group : "")} is forbidden: User \"system:serviceaccount:costs:costs\" cannot list resource \"{plural}\" in API group \"{group}\" at the cluster scope");
            return;
        }
        var limit = int.TryParse(ctx.Request.Query["limit"], out var l) && l > 0 ? l : int.MaxValue;
        var token = ctx.Request.Query["continue"].ToString();
        var offset = 0;
        if (token.Length > 0)
        {
            if (ExpireContinueTimes > 0)
            {
                ExpireContinueTimes--;
                await StatusAsync(ctx, 410, "Expired",
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
                return;
            }
            offset = int.Parse(token["page-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }
        var page = items.Skip(offset).Take(limit).Select(i => i.DeepClone()).ToArray();
        var metadata = new JsonObject { ["resourceVersion"] = "62963700" };
        if (offset + page.Length < items.Count)
        {
            metadata["continue"] = $"page-{offset + page.Length}";
            metadata["remainingItemCount"] = items.Count - offset - page.Length;
        }
        var body = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion, ["metadata"] = metadata, ["items"] = new JsonArray(page) };
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString());
    }

    private static Task NotFound(HttpContext ctx) =>
        StatusAsync(ctx, 404, "NotFound", "the server could not find the requested resource");

    private static Task StatusAsync(HttpContext ctx, int code, string reason, string message)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        var status = new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure",
            ["message"] = message, ["reason"] = reason, ["details"] = new JsonObject(), ["code"] = code,
        };
        return ctx.Response.WriteAsync(status.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
