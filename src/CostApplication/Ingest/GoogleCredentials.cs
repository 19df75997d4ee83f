using Costs.CostIngest.Google;

namespace Costs.CostApplication.Ingest;

/// <summary>Which Google credentials a call uses: a bearer token from the environment (tests, local runs), else Application Default Credentials.</summary>
public static class GoogleCredentials
{
    /// <summary>A bearer token to use instead of Application Default Credentials.</summary>
    public const string AccessTokenVariable = "COSTS_GOOGLE_ACCESS_TOKEN";

    public static IAccessTokenSource For(AppEnvironment environment, string scope) =>
        environment.Variable(AccessTokenVariable) is { Length: > 0 } token
            ? new StaticAccessTokenSource(token)
            : new ApplicationDefaultTokenSource(scope);
}
