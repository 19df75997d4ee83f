using System.Net;
using Costs.CostResilience;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using Polly;

namespace Costs.CostIngest.Google;

/// <summary>
/// Tokens from Application Default Credentials: Workload Identity (the metadata server, at
/// <c>GCE_METADATA_HOST</c> when set) in the cluster, GOOGLE_APPLICATION_CREDENTIALS (a key file), or a gcloud
/// user login. The credential is loaded once; the library caches its token and refreshes it before it
/// expires. A refresh that fails transiently (the metadata or token server unreachable, 429, 5xx) is retried
/// by the shared pipeline; one that still fails, or is refused (an expired or revoked login), is a
/// <see cref="GoogleApiException"/> with a one-line message.
/// </summary>
public sealed class ApplicationDefaultTokenSource : IAccessTokenSource
{
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
    public const string BigQueryReadScope = "https://www.googleapis.com/auth/bigquery";
    public const string CloudBillingReadScope = "https://www.googleapis.com/auth/cloud-billing.readonly";

    private readonly string[] _scopes;
    private readonly Func<CancellationToken, Task<ICredential>> _load;
    private readonly ResiliencePipeline _retry;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ICredential? _credential;

    public ApplicationDefaultTokenSource(params string[] scopes) : this(null, new RetryOptions { MaxRetries = 3 }, TimeProvider.System, scopes)
    {
    }

    /// <param name="load">Loads the credential; null: Application Default Credentials (tests pass a ComputeCredential at a fake metadata server).</param>
    public ApplicationDefaultTokenSource(Func<CancellationToken, Task<ICredential>>? load, RetryOptions retry, TimeProvider clock, params string[] scopes)
    {
        _scopes = scopes.Length == 0 ? [CloudPlatformScope] : scopes;
        _load = load ?? LoadApplicationDefaultAsync;
        _retry = RetryPipeline.ForOperation(retry, clock, IsTransient);
    }

    public async Task<string> GetAccessTokenAsync(CancellationToken ct)
    {
        var credential = await CredentialAsync(ct);
        try
        {
            return await _retry.ExecuteAsync(async c => await credential.GetAccessTokenForRequestAsync(cancellationToken: c), ct);
        }
        catch (TokenResponseException ex)
        {
            throw Refused(ex);
        }
        catch (HttpRequestException ex)
        {
            throw new GoogleApiException(GoogleApiError.Unavailable, 0,
                $"No Google access token: the token server (the metadata server, or oauth2.googleapis.com) did not answer: {OneLine(ex.Message)}", ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new GoogleApiException(GoogleApiError.Unavailable, 0, "No Google access token: the token server did not answer in time.", ex);
        }
    }

    /// <summary>A failure worth another try: no answer, or an answer that says "later" (408, 429, 5xx).</summary>
    internal static bool IsTransient(Exception ex) => ex switch
    {
        HttpRequestException => true,
        TokenResponseException { StatusCode: { } status } => RetryPipeline.IsTransientStatus(status),
        _ => false,
    };

    private static GoogleApiException Refused(TokenResponseException ex)
    {
        var code = ex.Error?.Error ?? "error";
        var detail = ex.Error?.ErrorDescription is { Length: > 0 } d ? $"{code}: {OneLine(d)}" : code;
        var status = ex.StatusCode is { } s ? (int)s : 0;
        if (code is "invalid_grant" or "invalid_rapt" || ex.StatusCode is HttpStatusCode.Unauthorized)
            return new GoogleApiException(GoogleApiError.Unauthenticated, status,
                $"No Google access token: the login has expired or was revoked ({detail}); run `gcloud auth application-default login` again, " +
                "or use a service account (GOOGLE_APPLICATION_CREDENTIALS, Workload Identity).", ex);
        return ex.StatusCode is { } transient && RetryPipeline.IsTransientStatus(transient)
            ? new GoogleApiException(GoogleApiError.Unavailable, status, $"No Google access token: the token server failed after retries (HTTP {status}, {detail}).", ex)
            : new GoogleApiException(GoogleApiError.Unauthenticated, status, $"No Google access token: the token server refused ({detail}).", ex);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private async Task<ICredential> CredentialAsync(CancellationToken ct)
    {
        if (_credential is not null) return _credential;
        await _gate.WaitAsync(ct);
        try
        {
            return _credential ??= await _load(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Where the metadata server is, when the environment says so (Google.Apis.Auth reads it too).</summary>
    public const string MetadataHostVariable = "GCE_METADATA_HOST";

    private async Task<ICredential> LoadApplicationDefaultAsync(CancellationToken ct)
    {
        GoogleCredential adc;
        try
        {
            adc = await GoogleCredential.GetApplicationDefaultAsync(ct);
        }
        catch (InvalidOperationException) when (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(MetadataHostVariable)))
        {
            // The library decides "on Google Cloud" from a metadata-server ping with a short timeout, which a node
            // under CPU pressure can miss. GCE_METADATA_HOST names the server outright, so it is used as it says:
            // its token requests are retried like any other, and fail in one line if it is really not there.
            adc = GoogleCredential.FromComputeCredential(new ComputeCredential());
        }
        catch (InvalidOperationException ex)
        {
            throw new GoogleApiException(GoogleApiError.Unauthenticated, 0,
                "No Google credentials found (Application Default Credentials): set GOOGLE_APPLICATION_CREDENTIALS to a key file, " +
                "run `gcloud auth application-default login`, or bind the pod's Kubernetes service account with Workload Identity. " +
                OneLine(ex.Message), ex);
        }
        if (adc.IsCreateScopedRequired) adc = adc.CreateScoped(_scopes);
        return adc.UnderlyingCredential;
    }
}
