namespace Costs.CostIngest.Google;

/// <summary>What went wrong when calling a Google API, as far as the caller can act on it.</summary>
public enum GoogleApiError
{
    /// <summary>401, or no credentials at all.</summary>
    Unauthenticated,
    /// <summary>403: the principal lacks a role.</summary>
    PermissionDenied,
    /// <summary>404: the table, dataset, project or job does not exist (or not in that location).</summary>
    NotFound,
    /// <summary>400 naming the location: the job ran in a location that does not hold the table.</summary>
    WrongLocation,
    /// <summary>Any other 400: the request or query was rejected.</summary>
    BadRequest,
    /// <summary>429 or 5xx after every retry.</summary>
    Unavailable,
    /// <summary>A response that does not have the documented shape.</summary>
    BadResponse,
}

/// <summary>
/// A Google API call failed. <see cref="Exception.Message"/> is one line that says what to fix; the
/// CLI prints it as is.
/// </summary>
public sealed class GoogleApiException(GoogleApiError error, int status, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public GoogleApiError Error { get; } = error;
    /// <summary>The HTTP status, or 0 when no response was involved.</summary>
    public int Status { get; } = status;
}
