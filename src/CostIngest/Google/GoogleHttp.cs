using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace Costs.CostIngest.Google;

/// <summary>
/// Sends one Google REST call with a bearer token, retries what retrying helps (Polly), and turns an
/// error response (<c>{"error":{"code","message","status","errors":[…]}}</c>) into a
/// <see cref="GoogleApiException"/> whose message the given describe function words for the API at hand.
/// </summary>
public sealed class GoogleHttp
{
    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly Func<GoogleErrorInfo, string> _describe;
    private readonly TimeProvider _clock;

    /// <param name="onRetry">Called with each retry delay chosen (tests record it; the CLI may log it).</param>
    public GoogleHttp(HttpClient http, IAccessTokenSource tokens, RetryOptions retry, TimeProvider clock,
        Func<GoogleErrorInfo, string> describe, Action<TimeSpan, int?>? onRetry = null)
    {
        _http = http;
        _tokens = tokens;
        _describe = describe;
        _clock = clock;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, retry.MaxRetries),
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, retry.MaxRetries),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, retry.MaxDelay)),
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.RetryDelay, args.Outcome.Result is { } r ? (int)r.StatusCode : null);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
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

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, int maxRetries)
    {
        if (maxRetries == 0) return false;
        if (outcome.Exception is HttpRequestException) return true;
        // An HttpClient timeout (not the caller's cancellation, which Polly does not retry).
        if (outcome.Exception is OperationCanceledException { InnerException: TimeoutException }) return true;
        if (outcome.Result is not { } r) return false;
        var code = (int)r.StatusCode;
        if (code == 429 || code >= 500) return true;
        if (code != 403) return false;
        // BigQuery answers rate limits with 403 and reason rateLimitExceeded; those are worth a retry.
        await r.Content.LoadIntoBufferAsync();
        var body = await r.Content.ReadAsStringAsync();
        return GoogleErrorInfo.Parse(r.StatusCode, body).Reason is "rateLimitExceeded" or "backendError";
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max)
    {
        if (response?.Headers.RetryAfter is not { } ra) return null;
        TimeSpan? delay = ra.Delta ?? (ra.Date is { } date ? date - _clock.GetUtcNow() : null);
        if (delay is not { } d) return null;
        if (d < TimeSpan.Zero) d = TimeSpan.Zero;
        return d > max ? max : d;
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
