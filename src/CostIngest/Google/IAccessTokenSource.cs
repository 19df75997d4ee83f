namespace Costs.CostIngest.Google;

/// <summary>Where a Google API bearer token comes from. The seam between the REST clients and credentials.</summary>
public interface IAccessTokenSource
{
    Task<string> GetAccessTokenAsync(CancellationToken ct);
}

/// <summary>A fixed token: tests, or a token minted elsewhere (<c>gcloud auth print-access-token</c>).</summary>
public sealed class StaticAccessTokenSource(string token) : IAccessTokenSource
{
    private readonly string _token = string.IsNullOrWhiteSpace(token)
        ? throw new ArgumentException("An access token is blank.", nameof(token))
        : token;

    public Task<string> GetAccessTokenAsync(CancellationToken ct) => Task.FromResult(_token);
}
