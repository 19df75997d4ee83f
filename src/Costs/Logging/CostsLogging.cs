using Costs.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Costs.Logging;

/// <summary>
/// Logging for the unattended verbs (`run`, `serve`). Off a terminal every record is one JSON object
/// per line (the JSON formatter of Microsoft.Extensions.Logging.Console, from <c>AddJsonConsole</c>);
/// on a terminal it is the simple one-line text format. Records go to the invocation's own output
/// writer (not the process console), so that tests capture them and nothing bypasses the redirect.
/// The stages' own printed lines are turned into records too (<see cref="StageEnvironment"/>).
/// </summary>
public sealed class CostsLogging : IDisposable
{
    private readonly ServiceProvider _formatters;

    private CostsLogging(ServiceProvider formatters, ILoggerFactory factory, WriterLoggerProvider provider, bool json)
    {
        _formatters = formatters;
        Factory = factory;
        Provider = provider;
        IsJson = json;
    }

    public ILoggerFactory Factory { get; }
    public ILoggerProvider Provider { get; }
    public bool IsJson { get; }

    public static CostsLogging Create(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var json = !env.IsTerminal;
        var services = new ServiceCollection();
        services.AddLogging(b => b
            .AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                o.IncludeScopes = false;
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions
                {
                    Indented = false,
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                };
            })
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = false;
                o.TimestampFormat = "HH:mm:ss ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            }));
        var provider = services.BuildServiceProvider();
        var name = json ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple;
        var formatter = provider.GetServices<ConsoleFormatter>().Single(f => f.Name == name);
        var sink = new WriterLoggerProvider(env.Out, formatter);
        var factory = LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Quartz", LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddProvider(sink));
        return new CostsLogging(provider, factory, sink, json);
    }

    /// <summary>
    /// The environment the stages run in: on a terminal the same one (their tables and lines go to the
    /// screen as they are); off a terminal, their output lines become log records (category Costs.Output).
    /// </summary>
    public CliEnvironment StageEnvironment(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (!IsJson) return env;
        var logger = Factory.CreateLogger("Costs.Output");
        return env with { Out = new LineLogWriter(logger, LogLevel.Information), Error = new LineLogWriter(logger, LogLevel.Warning) };
    }

    public void Dispose()
    {
        Factory.Dispose();
        _formatters.Dispose();
    }
}

/// <summary>Writes each record, formatted by a console formatter, to one writer, one record at a time.</summary>
internal sealed class WriterLoggerProvider(TextWriter writer, ConsoleFormatter formatter) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new WriterLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write<TState>(in LogEntry<TState> entry)
    {
        using var text = new StringWriter();
        formatter.Write(in entry, null, text);
        var s = text.ToString();
        if (s.Length == 0) return;
        lock (_gate)
        {
            writer.Write(s);
            writer.Flush();
        }
    }

    private sealed class WriterLogger(WriterLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => NullScope.Instance;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            owner.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
        }
    }

    private sealed class NullScope : IDisposable
    {
        public static readonly NullScope Instance = new();
        public void Dispose()
        {
        }
    }
}

/// <summary>A text writer that turns each line written to it into one log record.</summary>
internal sealed class LineLogWriter(ILogger logger, LogLevel level) : TextWriter
{
    private readonly System.Text.StringBuilder _line = new();
    private readonly Lock _gate = new();

    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n') Emit();
            else if (value != '\r') _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        foreach (var c in value) Write(c);
    }

    public override void Flush()
    {
        lock (_gate)
        {
            if (_line.Length > 0) Emit();
        }
    }

    private void Emit()
    {
        var text = _line.ToString();
        _line.Clear();
        if (text.Trim().Length == 0) return;
        if (level >= LogLevel.Warning) Log.StageWarning(logger, text);
        else Log.StageOutput(logger, text);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
