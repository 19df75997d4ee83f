using System.Net;
using System.Net.Http.Headers;
using Costs.CostWeb.Security;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostWeb.Tests.Security;

/// <summary>Http:TokenFile: every endpoint but the probes wants the bearer token.</summary>
public sealed class BearerTokenTests
{
    private const string Token = "s3cret-token-0123456789";

    private static async Task<WebServer> StartWithTokenAsync()
    {
        var server = await WebServer.StartAsync("""{ "Http": { "TokenFile": "token.txt" } }""");
        await File.WriteAllTextAsync(Path.Combine(server.Directory, "token.txt"), Token + "\n");
        return server;
    }

    [Fact]
    public async Task Request_NoAuthorization_Answers401WithChallenge()
    {
        await using var server = await StartWithTokenAsync();

        using var response = await server.Client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer s3cret-token-012345678")]
    [InlineData("Bearer s3cret-token-01234567890")]
    [InlineData("Basic czNjcmV0LXRva2VuLTAxMjM0NTY3ODk=")]
    [InlineData("s3cret-token-0123456789")]
    [InlineData("Bearer ")]
    public async Task Request_WrongAuthorization_Answers401(string header)
    {
        await using var server = await StartWithTokenAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/no-such-page", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_RightToken_PassesToTheEndpoint()
    {
        await using var server = await StartWithTokenAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/no-such-page", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Probe_NoAuthorization_Answers200(string path)
    {
        await using var server = await StartWithTokenAsync();

        using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_TokenRotated_NewTokenAcceptedOldRefused()
    {
        await using var server = await StartWithTokenAsync();
        await File.WriteAllTextAsync(Path.Combine(server.Directory, "token.txt"), "rotated");

        using var old = new HttpRequestMessage(HttpMethod.Get, new Uri("/x", UriKind.Relative));
        old.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var fresh = new HttpRequestMessage(HttpMethod.Get, new Uri("/x", UriKind.Relative));
        fresh.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "rotated");

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.SendAsync(old)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.SendAsync(fresh)).StatusCode);
    }

    [Fact]
    public void Matches_AnyTwoTokens_TrueExactlyWhenEqual()
    {
        // A small alphabet, so that equal tokens and tokens one character apart both come up often.
        var tokens = Gen.ArrayOf(Gen.Elements('a', 'b', 'Z', '7', '-')).Select(cs => new string(cs)).Where(t => t.Length > 0).ToArbitrary();
        Prop.ForAll(tokens, tokens, (x, y) =>
        {
            return BearerToken.Matches("Bearer " + x, y) == (x == y) && BearerToken.Matches("Bearer " + x, x);
        }).QuickCheckThrowOnFailure();
    }
}
