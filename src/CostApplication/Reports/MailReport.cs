using System.Globalization;
using Costs.CostApplication.Alerts;
using Costs.CostApplication.Recommend;
using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Store;
using Costs.CostReports.Chat;
using Costs.CostReports.Delivery;
using Costs.CostReports.Email;
using Costs.CostReports.Summary;
using Costs.CostReports.Workbook;

namespace Costs.CostApplication.Reports;

/// <summary>What a report (and its e-mail, when asked) came to.</summary>
public sealed record ReportDelivered(string Scope, ReportOutcome Outcome, DeliveryReport? Mail)
{
    public string Describe() =>
        $"wrote {Outcome.WorkbookPath} ({Scope})" + (Mail is { } m ? $", e-mail {m.Key}: {DeliveryStates.ToText(m.State)}" : "");
}

/// <summary>One report to make: the full report (no team) or a team's slice, mailed or not, for a slot.</summary>
public sealed record ReportRequest(string? Team, bool Send, string? Slot, DateOnly? AsOf, string? Currency, string OutputDirectory);

/// <summary>
/// The report use case with its e-mail: load the analysis → slice it for a team (pure) → write the
/// workbook → e-mail it once per slot through the store's delivery ledger. `costs report`, `run`,
/// `serve` and `demo` all make reports here.
/// </summary>
/// <remarks>The e-mail and alert settings are read only when a mail is sent: a workbook needs neither.</remarks>
public sealed class MailReport(CostStore store, Settings.Settings settings, Func<AlertRun> alerts, TimeProvider clock)
{
    /// <summary>
    /// Writes the full report or a team's slice, and when asked e-mails it to the platform list or the
    /// team's list once for the slot (ledger key <see cref="ReportMailing.Key"/>; default slot: the
    /// report's day). A team's workbook goes to <c>OUT/teams/TEAM/</c> so that it never overwrites the
    /// full report of the same day. SMTP failing after retries is <see cref="FailureKind.External"/>; the
    /// workbook stays where it was written.
    /// </summary>
    public async Task<ReportDelivered> RunAsync(ReportRequest request, CancellationToken ct)
    {
        OutputFile.RequireFolder(request.OutputDirectory);
        if (request.Send && !settings.Email.IsConfigured)
            throw new StageException(FailureKind.Configuration, "E-mail is not configured: set Email:Host, Email:From and the recipients (see docs/alerts.md).");

        var title = settings.Report.Title;
        var scope = string.IsNullOrEmpty(request.Team) ? "all teams" : $"team {request.Team}";
        ReportOutcome outcome;
        if (string.IsNullOrEmpty(request.Team)) outcome = await WriteFullAsync(request, title, ct);
        else
        {
            var whole = await new WriteReport(store).LoadAsync(request.AsOf, request.Currency, title, ct);
            var dir = Path.Combine(request.OutputDirectory, "teams", SafeFileName(request.Team));
            outcome = await WriteReport.WriteAsync(TeamSlice(whole, request.Team, title), dir, ct);
        }
        var input = outcome.Input;
        if (!request.Send) return new ReportDelivered(scope, outcome, null);
        var slot = request.Slot ?? input.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var email = settings.Email;
        IReadOnlyList<string> to;
        try
        {
            to = email.RecipientsFor(request.Team);
        }
        catch (InvalidOperationException ex)
        {
            throw new StageException(FailureKind.Configuration, ex.Message, ex);
        }
        var open = await OpenAlertsAsync(request.Team, input.AsOf, ct);
        var figures = Figures(scope, outcome.Facts, input.AsOf) with { Daily = MonthDaily(input) };
        var chart = DailyChart.Png(figures.Daily, figures.Currency, DailyChart.Title(input.AsOf));
        var mail = new ReportMail(to, ReportEmail.Subject(figures), ReportEmail.Html(figures, open, chart is not null), outcome.WorkbookPath)
        {
            ChartPng = chart,
        };
        var sender = new SmtpReportSender(email, Secret("PasswordSecret", email.PasswordSecret), settings.Delivery, clock,
            accessToken: Secret("AccessTokenSecret", email.AccessTokenSecret));
        try
        {
            var sent = await ReportMailing.SendOnceAsync(store.Deliveries, sender, ReportMailing.Key(request.Team, slot), mail, ct);
            return new ReportDelivered(scope, outcome, sent);
        }
        catch (EmailDeliveryException ex)
        {
            throw new StageException(FailureKind.External, ex.Message, ex);
        }
    }

    /// <summary>
    /// The full report, with the whole organisation's recommendations (commitments are bought for all teams).
    /// They are sized on a second connection to the store, on another thread, while this one reads the report's
    /// rows and the workbook's other sheets are written; the idle advice takes its window from those rows. A
    /// failed read or write stops the sizing and is what the report fails with.
    /// </summary>
    private async Task<ReportOutcome> WriteFullAsync(ReportRequest request, string title, CancellationToken ct)
    {
        var rows = new TaskCompletionSource<IReadOnlyList<AllocationRow>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await using var second = await store.OpenSecondConnectionAsync(ct);
        var advice = Task.Run(() => new RecommendCosts(second, settings.Recommendations).RunAsync(request.AsOf, null, rows.Task, stop.Token), stop.Token);
        try
        {
            var input = await new WriteReport(store).LoadAsync(request.AsOf, request.Currency, title, ct);
            rows.SetResult(input.Allocations);
            return await WriteReport.WriteAsync(input, request.OutputDirectory, advice, ct);
        }
        catch
        {
            await stop.CancelAsync();
            rows.TrySetCanceled(stop.Token);
            try
            {
                await advice;
            }
            catch (Exception)
            {
                // The read's or the write's failure is the report's; the sizing only stopped because of it.
            }
            throw;
        }
    }

    /// <summary>True when the ledger already holds this slot as sent: it is not due again.</summary>
    public async Task<bool> AlreadySentAsync(string? team, string slot, CancellationToken ct) =>
        await store.Deliveries.GetAsync(ReportMailing.Key(team, slot), ReportMailing.Channel, ct) is { State: LedgerState.Sent };

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
            throw new StageException(FailureKind.Configuration, $"No cost is allocated to team '{team}'. Teams in the store: {string.Join(", ", teams)}.");
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

    /// <summary>The daily net by environment of the report's month, from its first day through the report's day.</summary>
    internal static DailyNet MonthDaily(ReportInput input)
    {
        var first = new DateOnly(input.AsOf.Year, input.AsOf.Month, 1);
        return DailyNets.Compute(input with { Allocations = input.Allocations.Where(r => r.Day >= first && r.Day <= input.AsOf).ToList() });
    }

    /// <summary>The alerts open on the report's day (the same detection as `costs alert`), the team's only for a team.</summary>
    private async Task<IReadOnlyList<ChatMessage>> OpenAlertsAsync(string? team, DateOnly asOf, CancellationToken ct)
    {
        if (await alerts().DetectAsync(asOf, ct) is not { } detected) return [];
        return detected.Result.Alerts
            .Where(a => string.IsNullOrEmpty(team) || string.Equals(a.Team, team, StringComparison.Ordinal))
            .Select(AlertRun.ToMessage).ToList();
    }

    /// <summary>The SMTP password or XOAUTH2 access token that <paramref name="reference"/> names, read only when a mail is sent; null when none is configured.</summary>
    private string? Secret(string key, string? reference) =>
        string.IsNullOrWhiteSpace(reference) ? null : settings.ReadSecret($"{EmailOptions.SectionName}:{key}", reference);

    internal static string SafeFileName(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "_" : safe;
    }
}
