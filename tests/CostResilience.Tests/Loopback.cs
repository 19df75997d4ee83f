using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Costs.CostResilience.Tests;

/// <summary>What the server saw of one request.</summary>
internal sealed record Seen(string Method, string Body, string? ContentType, long? ContentLength, string? IdempotencyKey);

/// <summary>
/// Kestrel on 127.0.0.1 (port 0). Each request is recorded, then answered by the script with its
/// 1-based number; the script writes the answer itself (or hangs, or aborts the connection).
/// </summary>
internal sealed class Loopback : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private Loopback(WebApplication app) => _app = app;

    public ConcurrentQueue<Seen> Requests { get; } = new();
    public Uri Uri { get; private set; } = null!;

    public static async Task<Loopback> StartAsync(Func<HttpContext, int, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new Loopback(app);
        app.Run(async ctx =>
        {
            // Not ctx.RequestAborted: a client that gives up right after sending (a timed-out attempt) closes
            // the connection while the body may still be unread here, and cancelling then dropped a request
            // whose bytes had all arrived (the outcome-unknown test saw only its warm-up GET, under load).
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync(CancellationToken.None);
            server.Requests.Enqueue(new Seen(ctx.Request.Method, body, ctx.Request.ContentType, ctx.Request.ContentLength,
                ctx.Request.Headers["Idempotency-Key"].FirstOrDefault()));
            await answer(ctx, Interlocked.Increment(ref server._count));
        });
        await app.StartAsync();
        server.Uri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>Answers with <paramref name="status"/> and, when given, a Retry-After header value.</summary>
    public static async Task Status(HttpContext ctx, int status, string? retryAfter = null, string body = "")
    {
        ctx.Response.StatusCode = status;
        if (retryAfter is not null) ctx.Response.Headers.RetryAfter = retryAfter;
        await ctx.Response.WriteAsync(body, ctx.RequestAborted);
    }

    /// <summary>Never answers: waits until the client gives up.</summary>
    public static async Task Hang(HttpContext ctx)
    {
        try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// A clock fixed at <see cref="Now"/> whose timers fire at once and record the wait asked for: retry
/// waits cost no time and can still be asserted.
/// </summary>
internal sealed class InstantClock(DateTimeOffset now) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public DateTimeOffset Now { get; set; } = now;
    public IReadOnlyList<TimeSpan> Waits => _waits.ToList();

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return base.CreateTimer(callback, state, dueTime, period);
        _waits.Enqueue(dueTime);
        return base.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
