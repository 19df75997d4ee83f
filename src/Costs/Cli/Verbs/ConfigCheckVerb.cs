using System.CommandLine;
using Costs.CostAnalyzer.Attribution;
using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Kubernetes;
using Costs.CostAnalyzer.Alerts;
using Costs.CostReports.Delivery;
using Costs.CostReports.Email;
using Microsoft.Extensions.Configuration;

namespace Costs.Cli.Verbs;

/// <summary>`costs config check`: validates every section this build knows, naming each error by its path.</summary>
internal static class ConfigCheckVerb
{
    public static Command Create(CliEnvironment env)
    {
        var config = new Command("config", "Work with the configuration.");
        var check = new Command("check", "Validate the configuration (alerts, e-mail, delivery, schedules, secrets) and name each error by its path.");
        check.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, ctx => RunAsync(ctx, ct)));
        config.Subcommands.Add(check);
        return config;
    }

    internal static async Task<int> RunAsync(CliContext ctx, CancellationToken ct)
    {
        var errors = Check(ctx);
        if (errors.Count == 0)
        {
            await ctx.Out.WriteLineAsync("The configuration is valid.");
            return ExitCodes.Ok;
        }
        foreach (var e in errors) await ctx.Error.WriteLineAsync($"error: {e}");
        await ctx.Error.WriteLineAsync($"costs: {errors.Count} configuration error(s).");
        ct.ThrowIfCancellationRequested();
        return ExitCodes.Usage;
    }

    internal static List<string> Check(CliContext ctx)
    {
        var errors = new List<string>();
        Func<string, string?> env = ctx.Environment.Variable;

        if (Bind<AttributionOptions>(ctx, AttributionOptions.Section, errors) is { } attribution)
            errors.AddRange(attribution.Validate());
        if (Bind<KubernetesOptions>(ctx, KubernetesOptions.Section, errors) is { } kubernetes)
            errors.AddRange(kubernetes.Validate());
        // BigQuery is optional (files can be loaded instead): its options are checked once a table is named.
        if (Bind<BigQueryOptions>(ctx, BigQueryOptions.Section, errors) is { Table.Length: > 0 } bigQuery)
            errors.AddRange(bigQuery.Validate());

        if (Bind<AlertOptions>(ctx, AlertOptions.SectionName, errors) is { } alerts)
        {
            errors.AddRange(alerts.Validate());
            for (var i = 0; i < alerts.Channels.Count; i++)
                CheckUrlSecret($"{AlertOptions.SectionName}:Channels:{i}:UrlSecret", alerts.Channels[i].UrlSecret, env, errors);
        }
        if (Bind<DeliveryOptions>(ctx, DeliveryOptions.SectionName, errors) is { } delivery)
            errors.AddRange(delivery.Validate());
        var email = Bind<EmailOptions>(ctx, EmailOptions.SectionName, errors);
        if (email is not null)
        {
            errors.AddRange(email.Validate());
            if (email.IsConfigured && !string.IsNullOrWhiteSpace(email.PasswordSecret))
                CheckSecret($"{EmailOptions.SectionName}:PasswordSecret", email.PasswordSecret, env, errors);
            if (email.IsConfigured && !string.IsNullOrWhiteSpace(email.AccessTokenSecret))
                CheckSecret($"{EmailOptions.SectionName}:AccessTokenSecret", email.AccessTokenSecret, env, errors);
            if (email.IsConfigured && SmtpServerTrust.Check(email.TrustedCaFile) is { } caError) errors.Add(caError);
        }
        if (Bind<ScheduleOptions>(ctx, ScheduleOptions.SectionName, errors) is { } schedules)
            errors.AddRange(schedules.Validate(email));
        return errors;
    }

    private static T? Bind<T>(CliContext ctx, string section, List<string> errors) where T : class, new()
    {
        try
        {
            return Configuration.OptionsBinder.Bind<T>(ctx.Configuration, section);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add($"{section}: {ex.Message}");
            return null;
        }
    }

    private static string? CheckSecret(string path, string reference, Func<string, string?> env, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        try
        {
            return SecretReader.Read(reference, env);
        }
        catch (SecretException ex)
        {
            errors.Add($"{path}: {ex.Message}");
            return null;
        }
    }

    /// <summary>The URL must be absolute https (http only to loopback); the message never shows it.</summary>
    private static void CheckUrlSecret(string path, string reference, Func<string, string?> env, List<string> errors)
    {
        if (CheckSecret(path, reference, env, errors) is not { } url) return;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback)))
            errors.Add($"{path}: the value of secret {reference} is not an absolute https URL.");
    }
}

/// <summary>
/// Cron schedules (configuration section <c>Schedules</c>), in Quartz syntax: seconds, minutes, hours,
/// day of month, month, day of week, optional year; e.g. "0 0 6 ? * MON-FRI".
/// </summary>
internal sealed class ScheduleOptions
{
    public const string SectionName = "Schedules";

    public string? Collect { get; set; }
    public string? Ingest { get; set; }
    public string? Analyze { get; set; }
    public string? Alert { get; set; }
    public List<ReportSchedule> Reports { get; set; } = [];

    public IReadOnlyList<string> Validate(EmailOptions? email)
    {
        var errors = new List<string>();
        Cron($"{SectionName}:Collect", Collect, errors);
        Cron($"{SectionName}:Ingest", Ingest, errors);
        Cron($"{SectionName}:Analyze", Analyze, errors);
        Cron($"{SectionName}:Alert", Alert, errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Reports.Count; i++)
        {
            var r = Reports[i];
            var p = $"{SectionName}:Reports:{i}";
            if (string.IsNullOrWhiteSpace(r.Name)) errors.Add($"{p}:Name: is required.");
            else if (!names.Add(r.Name)) errors.Add($"{p}:Name: '{r.Name}' is used twice.");
            if (string.IsNullOrWhiteSpace(r.Cron)) errors.Add($"{p}:Cron: is required.");
            else Cron($"{p}:Cron", r.Cron, errors);
            if (!string.IsNullOrEmpty(r.Team) && email is { IsConfigured: true } && !email.Teams.ContainsKey(r.Team))
                errors.Add($"{p}:Team: no addresses for team '{r.Team}' under {EmailOptions.SectionName}:Teams.");
        }
        return errors;
    }

    private static void Cron(string path, string? expression, List<string> errors)
    {
        if (expression is null) return;
        try
        {
            Quartz.CronExpression.Parse(expression);
        }
        catch (FormatException ex)
        {
            errors.Add($"{path}: '{expression}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year], e.g. \"0 0 6 ? * MON-FRI\"): {ex.Message}");
        }
    }
}

internal sealed class ReportSchedule
{
    public string Name { get; set; } = "";
    public string Cron { get; set; } = "";
    /// <summary>The team whose slice this report is; empty for the full (platform) report.</summary>
    public string? Team { get; set; }
}
