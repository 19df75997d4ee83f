using System.Net;

namespace Costs.CostWeb.Tests.Health;

/// <summary>The probes and the read-only rule, over loopback HTTP.</summary>
public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Healthz_Running_Answers200Ok()
    {
        await using var server = await WebServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_StoreOpens_Answers200AndMigratesTheStore()
    {
        await using var server = await WebServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(server.StorePath), "readiness opened (and migrated) the store");
    }

    [Fact]
    public async Task Readyz_StoreIsAFolder_Answers503WithoutTheReason()
    {
        await using var server = await WebServer.StartAsync();
        Directory.CreateDirectory(server.StorePath);

        using var response = await server.Client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("not ready", text, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Directory, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task AnyPath_MethodOtherThanGet_Answers405(string method)
    {
        await using var server = await WebServer.StartAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("/healthz", UriKind.Relative));
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
    }
}
