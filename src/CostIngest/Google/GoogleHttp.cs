using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Costs.CostResilience;
using Polly;

namespace Costs.CostIngest.Google;

/// <summary>
/// Sends one Google REST call with a bearer token, retried by the shared <see cref="RetryPipeline"/>
/// (with Google's own transient answer: a 403 whose reason is <c>rateLimitExceeded</c> or
/// <c>backendError</c>), and turns an error response (<c>{"error":{"code","message","status","errors":[…]}}</c>)
/// into a <see cref="GoogleApiException"/> whose message the given describe function words for the API at hand.
/// </summary>
public sealed class GoogleHttp
{
    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly Func<GoogleErrorInfo, string> _describe;

    /// <param name="onRetry">Called with each retry delay chosen and the status that caused it (tests record it; the CLI may log it).</param>
    public GoogleHttp(HttpClient http, IAccessTokenSource tokens, RetryOptions retry, TimeProvider clock,
        Func<GoogleErrorInfo, string> describe, Action<TimeSpan, int?>? onRetry = null)
    {
        _http = http;
        _tokens = tokens;
        _describe = describe;
        _pipeline = RetryPipeline.ForHttp(retry, clock, n => onRetry?.Invoke(n.Delay, n.StatusCode), IsRateLimitAsync);
    }

    /// <summary>Sends the request that <paramref name="create"/> builds (once per attempt) and parses the JSON body.</summary>
    public async Task<JsonDocument> SendAsync(Func<HttpRequestMessage> create, CancellationToken ct)
    {
        var token = await _tokens.GetAccessTokenAsync(ct);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async c =>
            {
                using var request = create();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, c);
            }, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new GoogleApiException(GoogleApiError.Unavailable, 0,
                _describe(new GoogleErrorInfo(GoogleApiError.Unavailable, 0, null, ex.Message, null)), ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed on the last attempt.
            throw new GoogleApiException(GoogleApiError.Unavailable, 0,
                _describe(new GoogleErrorInfo(GoogleApiError.Unavailable, 0, null, "the call timed out", null)), ex);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw Failure(response.StatusCode, body);
            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                throw new GoogleApiException(GoogleApiError.BadResponse, (int)response.StatusCode,
                    $"{response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path)} answered with a body that is not JSON: {ex.Message}", ex);
            }
        }
    }

    /// <summary>BigQuery answers rate limits (and some backend trouble) with 403 and a reason; those are worth a retry.</summary>
    private static async ValueTask<bool> IsRateLimitAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode != HttpStatusCode.Forbidden) return false;
        await response.Content.LoadIntoBufferAsync(ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return GoogleErrorInfo.Parse(response.StatusCode, body).Reason is "rateLimitExceeded" or "backendError";
    }

    private GoogleApiException Failure(HttpStatusCode status, string body)
    {
        var info = GoogleErrorInfo.Parse(status, body);
        return new GoogleApiException(info.Error, info.Status, _describe(info));
    }
}

/// <summary>A parsed Google error body, classified.</summary>
public sealed record GoogleErrorInfo(GoogleApiError Error, int Status, string? StatusText, string Message, string? Reason)
{
    public static GoogleErrorInfo Parse(HttpStatusCode status, string body)
    {
        var code = (int)status;
        string message = body.Length > 300 ? body[..300] : body;
        string? statusText = null, reason = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e)
                && e.ValueKind == JsonValueKind.Object)
            {
                if (e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString()!;
                if (e.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String) statusText = s.GetString();
                if (e.TryGetProperty("errors", out var errs) && errs.ValueKind == JsonValueKind.Array)
                    foreach (var x in errs.EnumerateArray())
                        if (x.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String) { reason = r.GetString(); break; }
            }
        }
        catch (JsonException)
        {
            // Not a Google error body (a proxy's HTML page, say): keep the start of the text.
        }
        message = message.ReplaceLineEndings(" ").Trim();
        var error = code switch
        {
            401 => GoogleApiError.Unauthenticated,
            403 when reason is "rateLimitExceeded" or "quotaExceeded" => GoogleApiError.Unavailable,
            403 => GoogleApiError.PermissionDenied,
            404 => GoogleApiError.NotFound,
            400 when message.Contains("location", StringComparison.OrdinalIgnoreCase) => GoogleApiError.WrongLocation,
            400 => GoogleApiError.BadRequest,
            429 or >= 500 => GoogleApiError.Unavailable,
            _ => GoogleApiError.BadRequest,
        };
        return new GoogleErrorInfo(error, code, statusText, message, reason);
    }
}
