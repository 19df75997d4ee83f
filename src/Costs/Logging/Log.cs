using Microsoft.Extensions.Logging;

namespace Costs.Logging;

/// <summary>The log messages of `run` and `serve` around the stages (the stages' own are StageLog, in the application), source-generated. No message carries a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Line}")]
    public static partial void StageOutput(ILogger logger, string line);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Line}")]
    public static partial void StageWarning(ILogger logger, string line);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Run finished: {Done} done, {Skipped} skipped, {Failed} failed; exit code {ExitCode}")]
    public static partial void RunFinished(ILogger logger, int done, int skipped, int failed, int exitCode);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Another run holds the lock {LockPath}: {What}")]
    public static partial void Busy(ILogger logger, string lockPath, string what);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Stopping: {Why}")]
    public static partial void Stopping(ILogger logger, string why);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Scheduled {Job} on cron '{Cron}'")]
    public static partial void Scheduled(ILogger logger, string job, string cron);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Not scheduled: {Job}: {Reason}")]
    public static partial void NotScheduled(ILogger logger, string job, string reason);

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Serving: {Jobs} job(s) on their schedules until stopped (SIGTERM or Ctrl+C)")]
    public static partial void Serving(ILogger logger, int jobs);

    [LoggerMessage(EventId = 33, Level = LogLevel.Information, Message = "Stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 35, Level = LogLevel.Information, Message = "Listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 34, Level = LogLevel.Error, Message = "Job {Job} failed: {Reason}")]
    public static partial void JobFailed(ILogger logger, string job, string reason);
}
