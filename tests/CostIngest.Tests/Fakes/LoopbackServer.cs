using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Costs.CostIngest.Tests.Fakes;

/// <summary>One HTTP request as the fake received it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string Body, string? Authorization,
    string? ContentType = null);

/// <summary>What the fake answers: a status, a JSON body and extra headers (Retry-After).</summary>
public sealed record FakeResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeResponse Json(string body) => new(200, body);
}

/// <summary>Kestrel on 127.0.0.1, port 0, answering every request through one handler and recording it.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<LoopbackServer> StartAsync(Func<RecordedRequest, FakeResponse> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        LoopbackServer? server = null;
        app.Run(async ctx =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync();
            var query = ctx.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            var request = new RecordedRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "", query, body,
                ctx.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, ctx.Request.ContentType);
            server!.Requests.Enqueue(request);
            FakeResponse response;
            try
            {
                response = handler(request);
            }
            catch (Exception ex)
            {
                response = new FakeResponse(500, $"{{\"error\":{{\"code\":500,\"message\":\"fake failed: {ex.GetType().Name}\",\"status\":\"INTERNAL\"}}}}");
            }
            ctx.Response.StatusCode = response.Status;
            ctx.Response.ContentType = "application/json; charset=UTF-8";
            foreach (var (k, v) in response.Headers ?? new Dictionary<string, string>()) ctx.Response.Headers[k] = v;
            await ctx.Response.WriteAsync(response.Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
