using System.Security.Cryptography;
using System.Text;
using Costs.CostResilience;

namespace Costs.CostReports.Delivery;

/// <summary>
/// How one message's delivery ended, after retries. <see cref="Outcome"/> holds no secret.
/// <see cref="OutcomeUnknown"/>: the message left and no answer came, so it may have arrived.
/// </summary>
public sealed record SendResult(bool Delivered, bool Permanent, int? StatusCode, int Attempts, string Outcome, IReadOnlyList<TimeSpan> Delays)
{
    public bool OutcomeUnknown { get; init; }
}

/// <summary>
/// Posts JSON to a webhook through the shared <see cref="RetryPipeline"/>: 429, 408 and 5xx answers,
/// connection failures and attempts that timed out before the request was written (each attempt gets
/// <see cref="DeliveryOptions.AttemptTimeout"/>) are retried, honouring Retry-After; other statuses
/// below 200 or from 300 up are permanent. An attempt whose request was written and got no answer (it
/// timed out, or the connection broke) is not retried: the receiver may have posted the message, so
/// the result says <see cref="SendResult.OutcomeUnknown"/>. Each post carries an
/// <c>Idempotency-Key</c> header (Slack, Teams and Google Chat ignore it; a generic receiver can
/// de-duplicate on it). The delays run on <paramref name="clock"/> (tests pass one whose timers fire
/// at once) and are reported in <see cref="SendResult.Delays"/>. The URL is a secret: it never
/// appears in a result or an exception from here.
/// </summary>
public sealed class WebhookClient(HttpClient http, DeliveryOptions options, TimeProvider clock)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>
    /// The Idempotency-Key of delivering <paramref name="key"/> to <paramref name="channel"/>: the same
    /// for every attempt and every run, different per channel. An RFC 8941 string, as the IETF
    /// idempotency-key draft asks; a hash, because keys can hold any text and header values cannot.
    /// </summary>
    public static string IdempotencyKey(string key, string channel)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(channel + "\n" + key));
        return $"\"costs-{Convert.ToHexStringLower(hash)[..32]}\"";
    }

    public Task<SendResult> PostAsync(string url, string json, CancellationToken ct) => PostAsync(url, json, null, ct);

    public async Task<SendResult> PostAsync(string url, string json, string? idempotencyKey, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return new SendResult(false, true, null, 0, "the webhook URL is not an absolute http(s) URL", []);

        var delays = new List<TimeSpan>();
        var attempts = 0;
        var pipeline = RetryPipeline.ForHttp(options.ToRetryOptions(), clock, n => delays.Add(n.Delay));
        try
        {
            using var response = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                using var request = new HttpRequestMessage(HttpMethod.Post, uri)
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                if (idempotencyKey is not null) request.Headers.Add(IdempotencyHeader, idempotencyKey);
                return await HttpAttempt.SendAsync(http, request, options.AttemptTimeout, token);
            }, ct);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
                return new SendResult(true, false, status, attempts, $"HTTP {status}", delays);
            var permanent = !RetryPipeline.IsTransientStatus(response.StatusCode);
            return new SendResult(false, permanent, status, attempts,
                $"HTTP {status} {response.ReasonPhrase}{(permanent ? " (permanent)" : $" after {attempts} attempt(s)")}", delays);
        }
        catch (OutcomeUnknownException ex)
        {
            return new SendResult(false, false, null, attempts, $"{ex.Message} (attempt {attempts})", delays) { OutcomeUnknown = true };
        }
        catch (AttemptTimeoutException ex)
        {
            return new SendResult(false, false, null, attempts, $"timed out after {attempts} attempt(s): {ex.Message}", delays);
        }
        catch (HttpRequestException ex)
        {
            // The exception's message can name the host; the error kind is enough and holds no secret.
            return new SendResult(false, false, null, attempts, $"connection failed after {attempts} attempt(s): {ex.HttpRequestError}", delays);
        }
    }
}
