using Google.Apis.Auth.OAuth2;

namespace Costs.CostIngest.Google;

/// <summary>
/// Tokens from Application Default Credentials: Workload Identity (the metadata server) in the
/// cluster, GOOGLE_APPLICATION_CREDENTIALS (a key file), or a gcloud user login. The credential is
/// loaded once; the library caches and refreshes its token.
/// </summary>
public sealed class ApplicationDefaultTokenSource(params string[] scopes) : IAccessTokenSource
{
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
    public const string BigQueryReadScope = "https://www.googleapis.com/auth/bigquery";
    public const string CloudBillingReadScope = "https://www.googleapis.com/auth/cloud-billing.readonly";

    private readonly string[] _scopes = scopes.Length == 0 ? [CloudPlatformScope] : scopes;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ICredential? _credential;

    public async Task<string> GetAccessTokenAsync(CancellationToken ct)
    {
        var credential = await CredentialAsync(ct);
        return await credential.GetAccessTokenForRequestAsync(cancellationToken: ct);
    }

    private async Task<ICredential> CredentialAsync(CancellationToken ct)
    {
        if (_credential is not null) return _credential;
        await _gate.WaitAsync(ct);
        try
        {
            if (_credential is not null) return _credential;
            GoogleCredential adc;
            try
            {
                adc = await GoogleCredential.GetApplicationDefaultAsync(ct);
            }
            catch (InvalidOperationException ex)
            {
                throw new GoogleApiException(GoogleApiError.Unauthenticated, 0,
                    "No Google credentials found (Application Default Credentials): set GOOGLE_APPLICATION_CREDENTIALS to a key file, " +
                    "run `gcloud auth application-default login`, or bind the pod's Kubernetes service account with Workload Identity. " +
                    ex.Message, ex);
            }
            if (adc.IsCreateScopedRequired) adc = adc.CreateScoped(_scopes);
            _credential = adc.UnderlyingCredential;
            return _credential;
        }
        finally
        {
            _gate.Release();
        }
    }
}
