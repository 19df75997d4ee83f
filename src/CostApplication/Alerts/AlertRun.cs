using Costs.CostAnalyzer.Alerts;
using Costs.CostApplication.Stages;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Costs.CostReports.Chat;
using Costs.CostReports.Delivery;

namespace Costs.CostApplication.Alerts;

/// <summary>The alerts judged as of a day.</summary>
public sealed record AlertsDetected(DateOnly AsOf, AlertResult Result);

/// <summary>
/// What a delivery of alerts came to: each (alert, channel) payload, and what happened to it (sent,
/// already sent, failed, dry run, unrouted).
/// </summary>
public sealed record AlertsDelivered(AlertsDetected Detected, IReadOnlyList<ChatItem> Items, IReadOnlyList<DeliveryReport> Reports, bool DryRun)
{
    public int Failed => Reports.Count(r => r.IsFailure);

    /// <summary>The sentence for a delivery with failures; null when none failed.</summary>
    public string? FailureSummary => Failed == 0 ? null
        : $"{Failed} of {Reports.Count(r => r.State != DeliveryState.Unrouted)} deliveries failed; they are recorded and the next run retries them.";
}

/// <summary>
/// The alert use case: judge the analyzed allocations as of a day (budgets, anomalies, unallocated
/// spend, commitments, rejected rows), route each alert to its channels, and deliver each (alert, channel) once through
/// the store's delivery ledger; or, as a dry run, render the payloads and send nothing.
/// </summary>
public sealed class AlertRun(CostStore store, AlertOptions options, DeliveryOptions delivery, AppEnvironment environment)
{
    /// <summary>
    /// Detects the alerts as of <paramref name="asOf"/> (default: the last analyzed day), loading the
    /// history a judgement needs (the anomaly baseline, the previous month and "absent before"). Null when
    /// the store holds no analyzed day.
    /// </summary>
    public async Task<AlertsDetected?> DetectAsync(DateOnly? asOf, CancellationToken ct)
    {
        DateOnly day;
        if (asOf is { } given) day = given;
        else
        {
            var billed = await store.ReadBilledDaysAsync(DateRange.Everything, ct);
            if (billed.Count == 0) return null;
            day = billed.Max(b => b.Day);
        }
        var from = new DateOnly(day.Year, day.Month, 1).AddMonths(-2);
        var baseline = day.AddDays(-7 * (options.Anomaly.LookbackWeeks + 1));
        if (baseline < from) from = baseline;
        var rows = await store.ReadAllocationsAsync(new DateRange(from, day.AddDays(1)), ct);
        return new AlertsDetected(day, AlertDetector.Detect(rows, await store.RejectsAsync(ct), day, options));
    }

    /// <summary>Routes the alerts and delivers each (alert, channel) once; with <paramref name="dryRun"/> only renders them.</summary>
    public async Task<AlertsDelivered> DeliverAsync(AlertsDetected detected, bool dryRun, CancellationToken ct)
    {
        var channels = options.Channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var items = new List<ChatItem>();
        var reports = new List<DeliveryReport>();
        foreach (var r in AlertRouting.Route(detected.Result.Alerts, options.Routes))
        {
            if (r.Channels.Count == 0)
                reports.Add(new DeliveryReport(r.Alert.Key, "-", DeliveryState.Unrouted, "no route matches this alert's team and environment"));
            foreach (var name in r.Channels)
                items.Add(new ChatItem(r.Alert.Key, name, ChatPayloads.Render(ChannelKinds.Parse(channels[name].Kind), ToMessage(r.Alert))));
        }
        if (dryRun)
            reports.AddRange(items.Select(i => new DeliveryReport(i.Key, i.Channel, DeliveryState.DryRun, "not sent")));
        else if (items.Count > 0)
        {
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var client = new WebhookClient(http, delivery, environment.Clock);
            reports.AddRange(await ChatDelivery.DeliverAsync(items, store.Deliveries, client, name => Url(channels[name]), ct));
        }
        return new AlertsDelivered(detected, items, reports, dryRun);
    }

    /// <summary>The chat (and e-mail) wording of an alert.</summary>
    public static ChatMessage ToMessage(Alert a) => new(a.Key, a.Severity.ToText(), a.Title, a.What,
        [new ChatFact("How much", a.HowMuch), new ChatFact("Compared with", a.ComparedWith)], a.Action);

    private string Url(ChannelOptions channel) => SecretReader.ReadWebhookUrl(channel.UrlSecret, environment.Variable).OriginalString;
}
