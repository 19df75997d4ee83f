using System.Runtime.CompilerServices;
using System.Text.Json;
using Costs.CostIngest.Google;

namespace Costs.CostIngest.Prices;

/// <summary>The seam to the Cloud Billing Catalog: every SKU of a service, page by page.</summary>
public interface ICatalogClient
{
    /// <summary>Each SKU object of <c>services.skus.list</c>, as JSON (cloned; the caller may keep it).</summary>
    IAsyncEnumerable<JsonElement> ListSkusAsync(string serviceId, CancellationToken ct);
}

/// <summary>
/// <c>GET {base}v1/services/{service}/skus?currencyCode=…&amp;pageSize=…[&amp;pageToken=…]</c>; an empty
/// or absent <c>nextPageToken</c> ends the listing.
/// </summary>
public sealed class CatalogRestClient : ICatalogClient
{
    private readonly GoogleHttp _http;
    private readonly PricesOptions _options;

    public CatalogRestClient(HttpClient http, IAccessTokenSource tokens, PricesOptions options, TimeProvider clock,
        Action<TimeSpan, int?>? onRetry = null)
    {
        _options = options;
        _http = new GoogleHttp(http, tokens, options.Retry, clock, Describe, onRetry);
    }

    public async IAsyncEnumerable<JsonElement> ListSkusAsync(string serviceId, [EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            var query = $"currencyCode={Uri.EscapeDataString(_options.CurrencyCode)}&pageSize={_options.PageSize}";
            if (!string.IsNullOrEmpty(token)) query += "&pageToken=" + Uri.EscapeDataString(token);
            var uri = new Uri(_options.BaseUri, $"v1/services/{Uri.EscapeDataString(serviceId)}/skus?{query}");
            using var page = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), ct);
            foreach (var sku in CatalogPage.Skus(page.RootElement)) yield return sku;
            token = CatalogPage.NextPageToken(page.RootElement);
        }
        while (!string.IsNullOrEmpty(token));
    }

    private static string Describe(GoogleErrorInfo e) => e.Error switch
    {
        GoogleApiError.Unauthenticated =>
            $"The Cloud Billing Catalog rejected the credentials (401: {e.Message}). Fix: run `gcloud auth application-default login`, set GOOGLE_APPLICATION_CREDENTIALS, or use Workload Identity; or load a saved response with `costs prices --file`.",
        GoogleApiError.PermissionDenied =>
            $"The Cloud Billing Catalog denied access (403: {e.Message}). Fix: enable the Cloud Billing API (cloudbilling.googleapis.com) in the credentials' project.",
        GoogleApiError.NotFound => $"The Catalog has no such service (404: {e.Message}). Fix: check Prices:BaseUri.",
        GoogleApiError.Unavailable => $"The Cloud Billing Catalog is unavailable or rate-limited ({e.Status}: {e.Message}) after every retry. Try again later, or use `costs prices --file`.",
        _ => $"The Cloud Billing Catalog answered {e.Status}: {e.Message}",
    };
}

/// <summary>Reads one page of <c>services.skus.list</c>: <c>{"skus":[…],"nextPageToken":"…"}</c>.</summary>
public static class CatalogPage
{
    public static IEnumerable<JsonElement> Skus(JsonElement page)
    {
        if (page.ValueKind != JsonValueKind.Object)
            throw new GoogleApiException(GoogleApiError.BadResponse, 200, "A Catalog page is not a JSON object.");
        if (!page.TryGetProperty("skus", out var skus) || skus.ValueKind == JsonValueKind.Null) yield break;
        if (skus.ValueKind != JsonValueKind.Array)
            throw new GoogleApiException(GoogleApiError.BadResponse, 200, "A Catalog page's 'skus' is not an array.");
        foreach (var s in skus.EnumerateArray()) yield return s.Clone();
    }

    public static string? NextPageToken(JsonElement page) =>
        page.TryGetProperty("nextPageToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
}
