using Microsoft.Extensions.Logging;

namespace Costs.CostWeb;

/// <summary>The web server's log messages, source-generated. None carries a token.</summary>
internal static partial class WebLog
{
    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "Not ready: {Reason}")]
    public static partial void NotReady(ILogger logger, string reason);

    [LoggerMessage(EventId = 61, Level = LogLevel.Error, Message = "{Method} {Path} failed: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, string reason);
}
