using Costs.CostIngest.Google;
using Costs.CostIngest.Tests.Fakes;
using Costs.CostResilience;
using Google.Apis.Auth.OAuth2;

namespace Costs.CostIngest.Tests.Google;

/// <summary>
/// Token refresh through a fake GKE metadata server on loopback (the Workload Identity path). The token
/// endpoint and its answer, <c>{"access_token","expires_in","token_type":"Bearer"}</c>, are the metadata
/// server's (/computeMetadata/v1/instance/service-accounts/default/token, header Metadata-Flavor: Google).
/// Google.Apis.Auth reads GCE_METADATA_HOST for the default address; here the credential is pointed at the
/// fake directly, so that no process-wide variable is changed.
/// </summary>
public sealed class ApplicationDefaultTokenSourceTests
{
    private const string TokenPath = "/computeMetadata/v1/instance/service-accounts/default/token";

    private static ApplicationDefaultTokenSource Source(LoopbackServer metadata, int retries = 3) => new(
        _ => Task.FromResult<ICredential>(new ComputeCredential(new ComputeCredential.Initializer(new Uri(metadata.BaseUri, TokenPath.TrimStart('/')).ToString()))),
        new RetryOptions { MaxRetries = retries, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }, TimeProvider.System);

    private static FakeResponse Token() => FakeResponse.Json("""{"access_token":"ya29.from-metadata","expires_in":3599,"token_type":"Bearer"}""");

    [Fact]
    public async Task GetAccessTokenAsync_MetadataServerAnswers_Token()
    {
        await using var metadata = await LoopbackServer.StartAsync(_ => Token());
        Assert.Equal("ya29.from-metadata", await Source(metadata).GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal(TokenPath, Assert.Single(metadata.Requests).Path);
    }

    [Fact]
    public async Task GetAccessTokenAsync_MetadataServerFailsTwice_RetriedThenToken()
    {
        var calls = 0;
        await using var metadata = await LoopbackServer.StartAsync(_ => Interlocked.Increment(ref calls) <= 2
            ? new FakeResponse(500, """{"error":"internal_failure","error_description":"metadata server busy"}""")
            : Token());

        Assert.Equal("ya29.from-metadata", await Source(metadata).GetAccessTokenAsync(CancellationToken.None));
        Assert.True(calls >= 3);
    }

    [Fact]
    public async Task GetAccessTokenAsync_MetadataServerKeepsFailing_OneLineUnavailable()
    {
        await using var metadata = await LoopbackServer.StartAsync(_ =>
            new FakeResponse(500, """{"error":"internal_failure","error_description":"metadata server\nbusy"}"""));

        var ex = await Assert.ThrowsAsync<GoogleApiException>(() => Source(metadata, retries: 1).GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal(GoogleApiError.Unavailable, ex.Error);
        Assert.StartsWith("No Google access token: the token server failed after retries (HTTP 500", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task GetAccessTokenAsync_LoginExpired_OneLineNotRetried()
    {
        // What oauth2.googleapis.com answers a refresh with a revoked or expired user login.
        await using var metadata = await LoopbackServer.StartAsync(_ =>
            new FakeResponse(400, """{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"""));

        var ex = await Assert.ThrowsAsync<GoogleApiException>(() => Source(metadata).GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal(GoogleApiError.Unauthenticated, ex.Error);
        Assert.Equal("No Google access token: the login has expired or was revoked (invalid_grant: Token has been expired or revoked.); " +
            "run `gcloud auth application-default login` again, or use a service account (GOOGLE_APPLICATION_CREDENTIALS, Workload Identity).", ex.Message);
        Assert.Single(metadata.Requests);
    }

    [Fact]
    public async Task GetAccessTokenAsync_MetadataServerUnreachable_OneLineUnavailable()
    {
        var metadata = await LoopbackServer.StartAsync(_ => Token());
        var source = Source(metadata, retries: 1);
        await metadata.DisposeAsync(); // nothing listens on its port any more

        var ex = await Assert.ThrowsAsync<GoogleApiException>(() => source.GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal(GoogleApiError.Unavailable, ex.Error);
        Assert.StartsWith("No Google access token: the token server", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
