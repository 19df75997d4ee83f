using System.Net;
using System.Text.Json;
using Costs.CostIngest.Google;
using Costs.CostIngest.Tests.Fakes;
using Costs.CostResilience;

namespace Costs.CostIngest.Tests.Google;

public class GoogleHttpTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 20, 6, 0, 0, TimeSpan.Zero);

    private static (GoogleHttp Http, List<TimeSpan> Delays, TestClock Clock) Client(HttpClient http, int retries = 2)
    {
        var delays = new List<TimeSpan>();
        var clock = new TestClock(Now);
        var g = new GoogleHttp(http, new StaticAccessTokenSource("tok"),
            new RetryOptions { MaxRetries = retries, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(30) },
            clock, e => $"{e.Error}: {e.Message}", (d, _) => delays.Add(d));
        return (g, delays, clock);
    }

    [Fact]
    public async Task SendAsync_RetryAfterHttpDate_DelayUntilThatInstant()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(_ => ++calls == 1
            ? new FakeResponse(503, Fixture.Error("error_500.json"), new Dictionary<string, string> { ["Retry-After"] = Now.AddSeconds(12).ToString("R") })
            : FakeResponse.Json("{\"ok\":true}"));
        using var http = new HttpClient();
        var (g, delays, _) = Client(http);

        using var doc = await g.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, server.BaseUri), CancellationToken.None);

        Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal([TimeSpan.FromSeconds(12)], delays);
    }

    [Fact]
    public async Task SendAsync_RetryAfterBeyondMaxDelay_Capped()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(_ => ++calls == 1
            ? new FakeResponse(429, Fixture.Error("error_429.json"), new Dictionary<string, string> { ["Retry-After"] = "3600" })
            : FakeResponse.Json("{}"));
        using var http = new HttpClient();
        var (g, delays, _) = Client(http);

        using var _ = await g.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, server.BaseUri), CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(30)], delays);
    }

    [Fact]
    public async Task SendAsync_BearerToken_Sent()
    {
        await using var server = await LoopbackServer.StartAsync(_ => FakeResponse.Json("{}"));
        using var http = new HttpClient();
        using var _ = await Client(http).Http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, server.BaseUri), CancellationToken.None);
        Assert.Equal("Bearer tok", server.Requests.Single().Authorization);
    }

    [Fact]
    public async Task SendAsync_NonJsonSuccess_BadResponse()
    {
        await using var server = await LoopbackServer.StartAsync(_ => new FakeResponse(200, "<html>proxy</html>"));
        using var http = new HttpClient();
        var ex = await Assert.ThrowsAsync<GoogleApiException>(() =>
            Client(http).Http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, server.BaseUri), CancellationToken.None));
        Assert.Equal(GoogleApiError.BadResponse, ex.Error);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "error_403.json", GoogleApiError.PermissionDenied, "accessDenied")]
    [InlineData(HttpStatusCode.NotFound, "error_404.json", GoogleApiError.NotFound, "notFound")]
    [InlineData(HttpStatusCode.BadRequest, "error_400_location.json", GoogleApiError.WrongLocation, "invalid")]
    [InlineData(HttpStatusCode.BadRequest, "error_400_job_failed.json", GoogleApiError.BadRequest, "resourcesExceeded")]
    [InlineData(HttpStatusCode.TooManyRequests, "error_429.json", GoogleApiError.Unavailable, "rateLimitExceeded")]
    public void Parse_GoogleErrorBodies_Classified(HttpStatusCode status, string fixture, GoogleApiError error, string reason)
    {
        var info = GoogleErrorInfo.Parse(status, Fixture.Error(fixture));
        Assert.Equal(error, info.Error);
        Assert.Equal(reason, info.Reason);
        Assert.Equal((int)status, info.Status);
        using var doc = JsonDocument.Parse(Fixture.Error(fixture));
        Assert.Equal(doc.RootElement.GetProperty("error").GetProperty("message").GetString(), info.Message);
    }

    [Fact]
    public void Parse_HtmlBody_KeepsTextAndStatus()
    {
        var info = GoogleErrorInfo.Parse(HttpStatusCode.BadGateway, "<html>\n<body>Bad gateway</body></html>");
        Assert.Equal(GoogleApiError.Unavailable, info.Error);
        Assert.Contains("Bad gateway", info.Message);
        Assert.DoesNotContain('\n', info.Message);
    }
}
