using System.Net;

namespace Costs.CostResilience;

/// <summary>
/// An attempt timed out before its request was written: the receiver cannot have acted on it, so
/// <see cref="RetryPipeline"/> retries it.
/// </summary>
public sealed class AttemptTimeoutException(string message, Exception? inner = null) : TimeoutException(message, inner);

/// <summary>
/// The whole request was written and no answer came (the attempt timed out, or the connection broke):
/// the receiver may well have acted on it. <see cref="RetryPipeline"/> never retries it; the caller
/// records the outcome as unknown. The message names no URL.
/// </summary>
public sealed class OutcomeUnknownException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One attempt of a request that must not be repeated blindly (a POST that notifies people), with a
/// timeout of its own. It watches the request body go out, and turns a failure into
/// <see cref="AttemptTimeoutException"/> or <see cref="HttpRequestException"/> when the body had not
/// begun to be written (no connection yet: safe to retry) and into <see cref="OutcomeUnknownException"/>
/// once it had (the receiver may have all of it; erring this way never sends twice). A request
/// without a body never counts as sent here: use this for requests that carry one.
/// The timeout measures real time on purpose, not the injected clock: a test clock fakes the waits
/// between attempts, not the network.
/// </summary>
public static class HttpAttempt
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, TimeSpan timeout,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is { } content ? new WatchedContent(content) : null;
        request.Content = body;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(timeout);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            var limit = $"{timeout.TotalSeconds:0.###} s";
            throw body is { Written: true }
                ? new OutcomeUnknownException($"sent, but no answer within {limit}", ex)
                : new AttemptTimeoutException($"not sent within {limit}", ex);
        }
        catch (HttpRequestException ex) when (body is { Written: true })
        {
            throw new OutcomeUnknownException($"sent, but the connection failed before an answer ({ex.HttpRequestError})", ex);
        }
    }

    /// <summary>Another content's bytes and headers; <see cref="Written"/> from the moment they start to go to the connection.</summary>
    private sealed class WatchedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private volatile bool _written;

        public WatchedContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var (name, values) in inner.Headers.NonValidated)
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    Headers.TryAddWithoutValidation(name, values);
        }

        public bool Written => _written;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _written = true;
            await _inner.CopyToAsync(stream, context, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            var known = _inner.Headers.ContentLength;
            length = known ?? 0;
            return known is not null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
