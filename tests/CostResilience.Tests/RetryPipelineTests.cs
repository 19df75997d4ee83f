using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Costs.CostResilience.Tests;

public sealed class RetryPipelineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly HttpClient Http = new();

    private static RetryOptions Options(int retries = 3) =>
        new() { MaxRetries = retries, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) };

    private static async Task<(HttpStatusCode Status, List<RetryNotice> Notices)> GetAsync(Loopback server, RetryOptions options,
        InstantClock? clock = null, TransientResponseRule? rule = null, HttpClient? http = null, CancellationToken ct = default)
    {
        var notices = new List<RetryNotice>();
        var pipeline = RetryPipeline.ForHttp(options, clock ?? new InstantClock(Now), notices.Add, rule);
        using var response = await pipeline.ExecuteAsync(
            async token => await (http ?? Http).GetAsync(server.Uri, token), ct);
        return (response.StatusCode, notices);
    }

    [Fact]
    public async Task ForHttp_503Always_DelaysDoubleThenStopAtMaxDelay()
    {
        await using var server = await Loopback.StartAsync((ctx, _) => Loopback.Status(ctx, 503));
        var clock = new InstantClock(Now);
        var (status, notices) = await GetAsync(server, Options(retries: 4), clock);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        TimeSpan[] expected = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)];
        Assert.Equal(expected, notices.Select(n => n.Delay));
        Assert.Equal([1, 2, 3, 4], notices.Select(n => n.Retry));
        Assert.All(notices, n => Assert.Equal(503, n.StatusCode));
        Assert.Equal(expected, clock.Waits);
        Assert.Equal(5, server.Requests.Count);
    }

    [Fact]
    public async Task ForHttp_429WithRetryAfterDate_WaitsUntilThatInstantOnTheInjectedClock()
    {
        await using var server = await Loopback.StartAsync((ctx, n) =>
            n == 1 ? Loopback.Status(ctx, 429, Now.AddSeconds(2).ToString("R")) : Loopback.Status(ctx, 200));
        var clock = new InstantClock(Now);
        var (status, notices) = await GetAsync(server, Options(), clock);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([TimeSpan.FromSeconds(2)], notices.Select(n => n.Delay));
        Assert.Equal([TimeSpan.FromSeconds(2)], clock.Waits);
    }

    [Fact]
    public async Task ForHttp_RetryAfterSecondsBeyondMaxDelay_Capped()
    {
        await using var server = await Loopback.StartAsync((ctx, n) => n == 1 ? Loopback.Status(ctx, 503, "3600") : Loopback.Status(ctx, 200));
        var (status, notices) = await GetAsync(server, Options());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([TimeSpan.FromSeconds(3)], notices.Select(n => n.Delay));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task ForHttp_PermanentStatus_NotRetried(int code)
    {
        await using var server = await Loopback.StartAsync((ctx, _) => Loopback.Status(ctx, code));
        var (status, notices) = await GetAsync(server, Options());
        Assert.Equal(code, (int)status);
        Assert.Empty(notices);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ForHttp_ApiRuleSays403IsARateLimit_RetriedAndTheBodyStaysReadable()
    {
        const string rateLimited = """{"error":{"errors":[{"reason":"rateLimitExceeded"}]}}""";
        await using var server = await Loopback.StartAsync((ctx, n) => Loopback.Status(ctx, 403, body: n == 1 ? rateLimited : "denied"));
        var seen = new List<string>();
        TransientResponseRule rule = async (response, ct) =>
        {
            await response.Content.LoadIntoBufferAsync(ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            seen.Add(body);
            return body.Contains("rateLimitExceeded", StringComparison.Ordinal);
        };
        var notices = new List<RetryNotice>();
        using var response = await RetryPipeline.ForHttp(Options(), new InstantClock(Now), notices.Add, rule)
            .ExecuteAsync(async token => await Http.GetAsync(server.Uri, token), CancellationToken.None);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("denied", await response.Content.ReadAsStringAsync());
        Assert.Equal([rateLimited, "denied"], seen);
        Assert.Single(notices);
    }

    [Fact]
    public async Task ForHttp_ZeroRetries_OneAttempt()
    {
        await using var server = await Loopback.StartAsync((ctx, _) => Loopback.Status(ctx, 503));
        var (status, notices) = await GetAsync(server, Options(retries: 0));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Empty(notices);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ForHttp_HttpClientTimeout_Retried()
    {
        await using var server = await Loopback.StartAsync((ctx, n) => n == 1 ? Loopback.Hang(ctx) : Loopback.Status(ctx, 200));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var (status, notices) = await GetAsync(server, Options(), http: http);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEmpty(notices);
        Assert.All(notices, n => Assert.Equal(nameof(TaskCanceledException), n.Failure));
    }

    [Fact]
    public async Task ForHttp_CallerCancels_NotRetried()
    {
        using var cts = new CancellationTokenSource();
        await using var server = await Loopback.StartAsync(async (ctx, _) =>
        {
            await cts.CancelAsync();
            await Loopback.Hang(ctx);
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GetAsync(server, Options(), ct: cts.Token));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ForHttp_ConnectionRefused_RetriedThenThrown()
    {
        var notices = new List<RetryNotice>();
        var pipeline = RetryPipeline.ForHttp(Options(retries: 2), new InstantClock(Now), notices.Add);
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            pipeline.ExecuteAsync(async token => await Http.GetAsync(ClosedPort(), token), CancellationToken.None).AsTask());
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal("HttpRequestException (ConnectionError)", n.Failure));
    }

    [Fact]
    public async Task Handler_PostAnswered503Then200_SameBodySentTwice()
    {
        await using var server = await Loopback.StartAsync((ctx, n) => Loopback.Status(ctx, n == 1 ? 503 : 200));
        var notices = new List<RetryNotice>();
        using var http = new HttpClient(RetryPipeline.Handler(Options(), new InstantClock(Now), new SocketsHttpHandler(), notices.Add));
        using var response = await http.PostAsync(server.Uri, new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["{\"a\":1}", "{\"a\":1}"], server.Requests.Select(r => r.Body));
        Assert.Equal(503, Assert.Single(notices).StatusCode);
    }

    [Fact]
    public async Task ForOperation_TransientThenPermanent_RetriedOnceThenThrown()
    {
        var notices = new List<RetryNotice>();
        var attempts = 0;
        var pipeline = RetryPipeline.ForOperation(Options(), new InstantClock(Now), ex => ex is IOException, notices.Add);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.ExecuteAsync(_ =>
            ++attempts == 1 ? throw new IOException("reset") : throw new InvalidOperationException("refused"), CancellationToken.None).AsTask());
        Assert.Equal(2, attempts);
        var notice = Assert.Single(notices);
        Assert.Equal((1, TimeSpan.FromSeconds(1), nameof(IOException)), (notice.Retry, notice.Delay, notice.Failure));
    }

    [Fact]
    public async Task ForOperation_OutcomeUnknown_NeverRetriedWhateverThePredicate()
    {
        var attempts = 0;
        var pipeline = RetryPipeline.ForOperation(Options(), new InstantClock(Now), _ => true);
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            throw new OutcomeUnknownException("sent, no answer");
        }, CancellationToken.None).AsTask());
        Assert.Equal(1, attempts);
    }

    [Fact]
    public void IsTransientStatus_EveryStatus_AgreesWithThePackage()
    {
        for (var code = 100; code < 600; code++)
        {
            using var response = new HttpResponseMessage((HttpStatusCode)code);
            Assert.Equal(HttpClientResiliencePredicates.IsTransient(Outcome.FromResult(response)),
                RetryPipeline.IsTransientStatus((HttpStatusCode)code));
        }
    }

    /// <summary>A loopback port nothing listens on.</summary>
    internal static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
