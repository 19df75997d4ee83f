using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Costs.CostReports.Tests.Delivery;

/// <summary>How the receiver answers one request.</summary>
internal sealed record Reply(int Status, int? RetryAfterSeconds = null, bool Hang = false)
{
    public static Reply Ok => new(200);
}

/// <summary>
/// A webhook receiver on 127.0.0.1 (Kestrel, port 0). It answers each request with the next scripted
/// <see cref="Reply"/> (200 once the script is done), after checking the body with
/// the given check: a malformed body gets 400, as the real services answer. It records every
/// body and Idempotency-Key. A <see cref="Reply.Hang"/> reply is a slow receiver: it has the message, and
/// has not answered when the sender gives up.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script;
    public ConcurrentQueue<string> Bodies { get; } = new();
    /// <summary>The Idempotency-Key header of each request, in order (null when absent).</summary>
    public ConcurrentQueue<string?> IdempotencyKeys { get; } = new();
    public ConcurrentQueue<string> Problems { get; } = new();
    public string Url { get; private set; } = "";

    /// <summary>The secret part of the URL, as a real webhook URL carries one.</summary>
    public const string SecretPath = "/services/T0000/B0000/s3cr3t-w3bh00k-t0k3n";

    private WebhookReceiver(WebApplication app, IEnumerable<Reply> script)
    {
        _app = app;
        _script = new ConcurrentQueue<Reply>(script);
    }

    public static async Task<WebhookReceiver> StartAsync(Func<JsonNode?, IReadOnlyList<string>>? check = null, params Reply[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(app, script);
        app.MapPost(SecretPath, async (HttpContext ctx) =>
        {
            // Not ctx.RequestAborted: a sender that times out right after sending closes the connection while
            // the body may still be unread here, and the delivery it made must still be counted.
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync(CancellationToken.None);
            receiver.Bodies.Enqueue(body);
            receiver.IdempotencyKeys.Enqueue(ctx.Request.Headers["Idempotency-Key"].FirstOrDefault());
            var reply = receiver._script.TryDequeue(out var r) ? r : Reply.Ok;
            if (reply.Hang)
            {
                try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); }
                catch (OperationCanceledException) { }
                return;
            }
            if (check is not null && reply.Status == 200)
            {
                IReadOnlyList<string> problems;
                try { problems = check(JsonNode.Parse(body)); }
                catch (System.Text.Json.JsonException ex) { problems = [ex.Message]; }
                if (problems.Count > 0)
                {
                    foreach (var p in problems) receiver.Problems.Enqueue(p);
                    ctx.Response.StatusCode = 400;
                    await ctx.Response.WriteAsync("invalid_payload: " + string.Join("; ", problems), ctx.RequestAborted);
                    return;
                }
            }
            ctx.Response.StatusCode = reply.Status;
            if (reply.RetryAfterSeconds is { } s) ctx.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ctx.Response.WriteAsync(reply.Status == 200 ? "ok" : "error", ctx.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + SecretPath;
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A clock whose timers fire at once: retry delays cost no time, and are still reported.</summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        base.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
}
