using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Costs.CostResilience.Tests;

public sealed class HttpAttemptTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private static HttpRequestMessage Post(Uri uri) =>
        new(HttpMethod.Post, uri) { Content = new StringContent("{\"key\":\"k1\"}", Encoding.UTF8, "application/json") };

    /// <summary>A handler whose first connection never completes (the attempt times out before sending); later ones connect.</summary>
    private static SocketsHttpHandler FirstConnectHangs()
    {
        var connects = 0;
        return new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                if (Interlocked.Increment(ref connects) == 1) await Task.Delay(Timeout.Infinite, ct);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }

    [Fact]
    public async Task SendAsync_Answered_BodyAndHeadersArriveIntact()
    {
        await using var server = await Loopback.StartAsync((ctx, _) => Loopback.Status(ctx, 200));
        using var request = Post(server.Uri);
        request.Headers.Add("Idempotency-Key", "\"costs-1\"");
        using var response = await HttpAttempt.SendAsync(Http, request, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(server.Requests);
        Assert.Equal(new Seen("POST", "{\"key\":\"k1\"}", "application/json; charset=utf-8", 12, "\"costs-1\""), seen);
    }

    /// <summary>One answered request first, so the connection is open and the code warm before a short timeout counts.</summary>
    private static async Task WarmUpAsync(Loopback server)
    {
        using var _ = await Http.GetAsync(server.Uri);
    }

    [Fact]
    public async Task SendAsync_SentAndNoAnswerInTime_OutcomeUnknown()
    {
        await using var server = await Loopback.StartAsync((ctx, n) => n == 1 ? Loopback.Status(ctx, 200) : Loopback.Hang(ctx));
        await WarmUpAsync(server);
        using var request = Post(server.Uri);
        var ex = await Assert.ThrowsAsync<OutcomeUnknownException>(() => HttpAttempt.SendAsync(Http, request, Short, CancellationToken.None));
        Assert.Equal("sent, but no answer within 0.3 s", ex.Message);
        Assert.Equal(["GET", "POST"], server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task SendAsync_ConnectionDroppedAfterTheBody_OutcomeUnknown()
    {
        await using var server = await Loopback.StartAsync((ctx, _) =>
        {
            ctx.Abort();
            return Task.CompletedTask;
        });
        using var request = Post(server.Uri);
        var ex = await Assert.ThrowsAsync<OutcomeUnknownException>(() => HttpAttempt.SendAsync(Http, request, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.StartsWith("sent, but the connection failed", ex.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_NoConnectionInTime_AttemptTimeoutNothingSent()
    {
        await using var server = await Loopback.StartAsync((ctx, _) => Loopback.Status(ctx, 200));
        using var http = new HttpClient(FirstConnectHangs()) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = Post(server.Uri);
        var ex = await Assert.ThrowsAsync<AttemptTimeoutException>(() => HttpAttempt.SendAsync(http, request, Short, CancellationToken.None));
        Assert.Equal("not sent within 0.3 s", ex.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_HttpRequestExceptionToRetry()
    {
        using var request = Post(RetryPipelineTests.ClosedPort());
        await Assert.ThrowsAsync<HttpRequestException>(() => HttpAttempt.SendAsync(Http, request, TimeSpan.FromSeconds(30), CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_InThePipeline_TimeoutBeforeSendingRetriedUnknownOutcomeNot()
    {
        await using var server = await Loopback.StartAsync((ctx, n) => n == 1 ? Loopback.Status(ctx, 200) : Loopback.Hang(ctx));
        await WarmUpAsync(server);
        // Its own connection pool for the attempt that cannot connect: a pool keeps waiting for a pending connection.
        using var cannotConnect = new HttpClient(FirstConnectHangs()) { Timeout = Timeout.InfiniteTimeSpan };
        var notices = new List<RetryNotice>();
        var attempts = 0;
        var pipeline = RetryPipeline.ForHttp(new RetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromSeconds(1) },
            new InstantClock(DateTimeOffset.UnixEpoch), notices.Add);
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            using var request = Post(server.Uri);
            return await HttpAttempt.SendAsync(attempts == 1 ? cannotConnect : Http, request, Short, token);
        }, CancellationToken.None).AsTask());
        Assert.Equal(2, attempts);
        Assert.Equal(nameof(AttemptTimeoutException), Assert.Single(notices).Failure);
        Assert.Equal(["GET", "POST"], server.Requests.Select(r => r.Method));
    }
}
