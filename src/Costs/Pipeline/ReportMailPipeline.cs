using System.Globalization;
using Costs.Cli;
using Costs.Cli.Verbs;
using Costs.CostAnalyzer.Alerts;
using Costs.CostModel.Allocation;
using Costs.CostReports.Chat;
using Costs.CostReports.Delivery;
using Costs.CostReports.Email;
using Costs.CostReports.Summary;
using Costs.CostReports.Workbook;

namespace Costs.Pipeline;

/// <summary>What a report (and its e-mail, when asked) came to.</summary>
internal sealed record ReportDelivered(string Scope, ReportOutcome Outcome, DeliveryReport? Mail);

/// <summary>
/// The report stage with its e-mail: load the analysis → slice it for a team (pure) → write the
/// workbook → e-mail it once per slot through the delivery ledger. Both `costs report --email` and
/// `costs run`/`serve` go through <see cref="WriteAndSendAsync"/>.
/// </summary>
internal static class ReportMailPipeline
{
    /// <summary>
    /// Writes the full report (<paramref name="team"/> null) or a team's slice, and, when
    /// <paramref name="send"/> is set, e-mails it to the platform list or the team's list once for
    /// <paramref name="slot"/> (ledger key <see cref="ReportMailing.Key"/>; default: the report's day). A team's workbook goes to
    /// <c>OUT/teams/TEAM/</c> so that it never overwrites the full report of the same day.
    /// SMTP failing after retries is a <see cref="CliException"/> with <see cref="ExitCodes.External"/>;
    /// the workbook stays where it was written.
    /// </summary>
    public static async Task<ReportDelivered> WriteAndSendAsync(CliContext ctx, string? team, bool send, string? slot, DateOnly? asOf,
        string? currency, string outputDirectory, CancellationToken ct)
    {
        EmailOptions? email = null;
        if (send)
        {
            email = ctx.Options<EmailOptions>(EmailOptions.SectionName);
            if (!email.IsConfigured)
                throw new CliException(ExitCodes.Usage, "E-mail is not configured: set Email:Host, Email:From and the recipients (see docs/alerts.md).");
            var errors = email.Validate();
            if (errors.Count > 0) throw new CliException(ExitCodes.Usage, "The configuration is invalid:\n  " + string.Join("\n  ", errors));
        }

        var title = ctx.Configuration["Report:Title"] ?? "Costs report";
        var input = await ReportPipeline.LoadAsync(ctx, asOf, currency, title, ct);
        var scope = string.IsNullOrEmpty(team) ? "all teams" : $"team {team}";
        var dir = outputDirectory;
        if (!string.IsNullOrEmpty(team))
        {
            input = TeamSlice(input, team, title);
            dir = Path.Combine(outputDirectory, "teams", SafeFileName(team));
        }
        var outcome = await ReportPipeline.WriteAsync(input, dir, ct);
        if (email is null) return new ReportDelivered(scope, outcome, null);
        slot ??= input.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var alerts = await OpenAlertsAsync(ctx, team, input.AsOf, ct);
        var figures = Figures(scope, outcome.Facts, input.AsOf);
        IReadOnlyList<string> to;
        try
        {
            to = email.RecipientsFor(team);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message, ex);
        }
        var mail = new ReportMail(to, ReportEmail.Subject(figures), ReportEmail.Html(figures, alerts), outcome.WorkbookPath);
        var delivery = ctx.Options<DeliveryOptions>(DeliveryOptions.SectionName);
        var sender = new SmtpReportSender(email, Secret(ctx, "PasswordSecret", email.PasswordSecret), delivery, ctx.Clock,
            accessToken: Secret(ctx, "AccessTokenSecret", email.AccessTokenSecret));
        var store = await ctx.StoreAsync(ct);
        await using var ledger = await DeliveryLedger.OpenAsync(store, ctx.Clock, ct);
        try
        {
            var report = await ReportMailing.SendOnceAsync(ledger, sender, ReportMailing.Key(team, slot), mail, ct);
            return new ReportDelivered(scope, outcome, report);
        }
        catch (EmailDeliveryException ex)
        {
            throw new CliException(ExitCodes.External, ex.Message, ex);
        }
    }

    /// <summary>True when the ledger already holds this slot as sent: it is not due again.</summary>
    public static async Task<bool> AlreadySentAsync(CliContext ctx, string? team, string slot, CancellationToken ct)
    {
        var store = await ctx.StoreAsync(ct);
        await using var ledger = await DeliveryLedger.OpenAsync(store, ctx.Clock, ct);
        var entry = await ledger.GetAsync(ReportMailing.Key(team, slot), ReportMailing.Channel, ct);
        return entry is { State: LedgerState.Sent };
    }

    /// <summary>
    /// A team's slice: only its allocation rows. Its "billed" figures are the sum of those rows per
    /// day, currency and invoice month, so the slice's Reconciliation sheet balances by construction
    /// (a team has no bill of its own; the whole bill is reconciled in the full report, which keeps
    /// the real billed rows). The title names the team.
    /// </summary>
    internal static ReportInput TeamSlice(ReportInput input, string team, string title)
    {
        var rows = input.Allocations.Where(r => string.Equals(r.Dimensions.Team, team, StringComparison.Ordinal)).ToList();
        if (rows.Count == 0)
        {
            var teams = input.Allocations.Select(r => r.Dimensions.Team).OfType<string>().Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal).Take(20);
            throw new CliException(ExitCodes.Usage, $"No cost is allocated to team '{team}'. Teams in the store: {string.Join(", ", teams)}.");
        }
        var billed = rows.GroupBy(r => (r.Day, r.Currency, r.InvoiceMonth))
            .Select(g => new BilledDay(g.Key.Day, g.Key.Currency, g.Key.InvoiceMonth, g.Sum(r => r.Cost), g.Sum(r => r.Credits)))
            .OrderBy(b => b.Day).ToList();
        return input with { Allocations = rows, Billed = billed, Title = $"{title}: team {team}" };
    }

    /// <summary>The e-mail's key figures from the report's facts.</summary>
    internal static ReportFigures Figures(string scope, ReportFactsResult facts, DateOnly asOf) => new(
        scope, asOf, facts.Currency, facts.MonthToDate, facts.LastMonthSamePeriod, facts.LastMonthTotal,
        facts.TopMovers.Select(m => new Mover(m.Service, m.LastMonthSamePeriod, m.MonthToDate)).ToList());

    /// <summary>The alerts open on the report's day (the same detection as `costs alert`), the team's only for a team.</summary>
    private static async Task<IReadOnlyList<ChatMessage>> OpenAlertsAsync(CliContext ctx, string? team, DateOnly asOf, CancellationToken ct)
    {
        var options = ctx.Options<AlertOptions>(AlertOptions.SectionName);
        var errors = options.Validate();
        if (errors.Count > 0) throw new CliException(ExitCodes.Usage, "The configuration is invalid:\n  " + string.Join("\n  ", errors));
        var detected = await AlertVerb.DetectAsync(ctx, options, asOf, ct);
        if (detected is not { } d) return [];
        return d.Result.Alerts
            .Where(a => string.IsNullOrEmpty(team) || string.Equals(a.Team, team, StringComparison.Ordinal))
            .Select(AlertVerb.ToMessage).ToList();
    }

    /// <summary>The SMTP password or XOAUTH2 access token that <paramref name="reference"/> names; null when none is configured.</summary>
    private static string? Secret(CliContext ctx, string key, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        try
        {
            return SecretReader.Read(reference, ctx.Environment.Variable);
        }
        catch (SecretException ex)
        {
            throw new CliException(ExitCodes.Usage, $"{EmailOptions.SectionName}:{key}: {ex.Message}", ex);
        }
    }

    internal static string SafeFileName(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "_" : safe;
    }
}
