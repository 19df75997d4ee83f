using System.CommandLine;
using Costs.CostAnalyzer.Alerts;
using Costs.CostModel.Time;
using Costs.CostReports.Chat;
using Costs.CostReports.Delivery;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs alert [--dry-run] [--as-of DAY]`: detects alerts in the analyzed allocations, routes them to
/// channels, delivers each (alert, channel) once through the ledger, and prints what happened.
/// Exit code <see cref="ExitCodes.External"/> when any delivery failed.
/// </summary>
internal static class AlertVerb
{
    private static readonly Option<bool> DryRunOption = new("--dry-run")
    {
        Description = "Print the alerts and the payloads that would be posted; send nothing, record nothing.",
    };

    private static readonly Option<DateOnly?> AsOfOption =
        DayOption.Create("--as-of", "The day to judge (yyyy-MM-dd). Default: the last analyzed day in the store.");

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("alert", "Detect budget, anomaly, unallocated and commitment alerts and post them to chat, once each.");
        command.Options.Add(DryRunOption);
        command.Options.Add(AsOfOption);
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env,
            ctx => RunAsync(ctx, parse.GetValue(DryRunOption), parse.GetValue(AsOfOption), ct)));
        return command;
    }

    internal static async Task<int> RunAsync(CliContext ctx, bool dryRun, DateOnly? asOf, CancellationToken ct)
    {
        var options = ValidOptions(ctx);
        var detected = await DetectAsync(ctx, options, asOf, ct);
        if (detected is not { } d)
        {
            await ctx.Out.WriteLineAsync("No analyzed days in the store: nothing to judge. Run `costs ingest` first.");
            return ExitCodes.Ok;
        }
        return await DeliverAsync(ctx, options, d.AsOf, d.Result, dryRun, ct);
    }

    /// <summary>The Alerts options, checked together with the Delivery options the delivery uses.</summary>
    internal static AlertOptions ValidOptions(CliContext ctx)
    {
        var options = ctx.Options<AlertOptions>(AlertOptions.SectionName);
        var delivery = ctx.Options<DeliveryOptions>(DeliveryOptions.SectionName);
        var errors = options.Validate().Concat(delivery.Validate()).ToList();
        if (errors.Count > 0)
            throw new CliException(ExitCodes.Usage, "The configuration is invalid:\n  " + string.Join("\n  ", errors));
        return options;
    }

    /// <summary>
    /// Routes detected alerts to their channels and delivers each (alert, channel) once through the
    /// ledger, or with <paramref name="dryRun"/> prints the payloads; then prints what happened.
    /// </summary>
    internal static async Task<int> DeliverAsync(CliContext ctx, AlertOptions options, DateOnly asOf, AlertResult result, bool dryRun,
        CancellationToken ct)
    {
        var delivery = ctx.Options<DeliveryOptions>(DeliveryOptions.SectionName);
        var store = await ctx.StoreAsync(ct);
        foreach (var w in result.Warnings) await ctx.Error.WriteLineAsync($"costs: warning: {w}");

        var channels = options.Channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var routed = AlertRouting.Route(result.Alerts, options.Routes);
        var items = new List<ChatItem>();
        var reports = new List<DeliveryReport>();
        foreach (var r in routed)
        {
            if (r.Channels.Count == 0)
                reports.Add(new DeliveryReport(r.Alert.Key, "-", DeliveryState.Unrouted, "no route matches this alert's team and environment"));
            foreach (var name in r.Channels)
                items.Add(new ChatItem(r.Alert.Key, name, ChatPayloads.Render(ChannelKinds.Parse(channels[name].Kind), ToMessage(r.Alert))));
        }

        await ctx.Out.WriteLineAsync($"Alerts as of {asOf:yyyy-MM-dd}: {result.Alerts.Count}{(dryRun ? " (dry run: nothing is sent)" : "")}");
        if (dryRun)
        {
            foreach (var item in items)
            {
                var kind = ChannelKinds.Parse(channels[item.Channel].Kind);
                await ctx.Out.WriteLineAsync($"--- {item.Key} -> {item.Channel} ({channels[item.Channel].Kind})");
                await ctx.Out.WriteLineAsync(System.Text.Json.Nodes.JsonNode.Parse(item.Payload)!.ToJsonString(Indented));
                reports.Add(new DeliveryReport(item.Key, item.Channel, DeliveryState.DryRun, "not sent"));
            }
        }
        else if (items.Count > 0)
        {
            await using var ledger = await DeliveryLedger.OpenAsync(store, ctx.Clock, ct);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var client = new WebhookClient(http, delivery, ctx.Clock);
            reports.AddRange(await ChatDelivery.DeliverAsync(items, ledger, client,
                name => SecretReader.Read(channels[name].UrlSecret, ctx.Environment.Variable), ct));
        }

        await PrintAsync(ctx.Out, result.Alerts, reports);
        var failed = reports.Count(r => r.IsFailure);
        if (failed > 0)
            throw new CliException(ExitCodes.External, $"{failed} of {reports.Count(r => r.State != DeliveryState.Unrouted)} deliveries failed; they are recorded and the next run retries them.");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Loads the allocations an alert judgement needs (the anomaly baseline, the previous month and
    /// "absent before") and detects the alerts as of <paramref name="asOfText"/> (default: the last
    /// analyzed day). Null when the store holds no analyzed day. Shared by `alert` and the report e-mail.
    /// </summary>
    internal static async Task<(DateOnly AsOf, AlertResult Result)?> DetectAsync(CliContext ctx, AlertOptions options, DateOnly? asOfDay,
        CancellationToken ct)
    {
        var store = await ctx.StoreAsync(ct);
        DateOnly asOf;
        if (asOfDay is { } given) asOf = given;
        else
        {
            var billed = await store.ReadBilledDaysAsync(DateRange.Everything, ct);
            if (billed.Count == 0) return null;
            asOf = billed.Max(b => b.Day);
        }

        // Enough history for the anomaly baseline, the previous month and "absent before".
        var from = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-2);
        var baseline = asOf.AddDays(-7 * (options.Anomaly.LookbackWeeks + 1));
        if (baseline < from) from = baseline;
        var rows = await store.ReadAllocationsAsync(new DateRange(from, asOf.AddDays(1)), ct);
        return (asOf, AlertDetector.Detect(rows, asOf, options));
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The chat (and e-mail) wording of an alert.</summary>
    internal static ChatMessage ToMessage(Alert a) => new(a.Key, a.Severity.ToText(), a.Title, a.What,
        [new ChatFact("How much", a.HowMuch), new ChatFact("Compared with", a.ComparedWith)], a.Action);

    private static async Task PrintAsync(TextWriter o, IReadOnlyList<Alert> alerts, IReadOnlyList<DeliveryReport> reports)
    {
        if (alerts.Count > 0)
        {
            await o.WriteLineAsync();
            await Table(o, ["SEVERITY", "KEY", "TITLE"], alerts.Select(a => new[] { a.Severity.ToText(), a.Key, a.Title }));
        }
        if (reports.Count > 0)
        {
            await o.WriteLineAsync();
            await Table(o, ["KEY", "CHANNEL", "STATE", "DETAIL"], reports.Select(r => new[] { r.Key, r.Channel, StateText(r.State), r.Detail }));
        }
    }

    internal static string StateText(DeliveryState s) => s switch
    {
        DeliveryState.Sent => "sent",
        DeliveryState.AlreadySent => "already sent",
        DeliveryState.OutcomeUnknown => "outcome unknown",
        DeliveryState.Failed => "failed",
        DeliveryState.FailedPermanently => "failed (permanent)",
        DeliveryState.DryRun => "dry run",
        DeliveryState.Unrouted => "unrouted",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, "Unknown delivery state."),
    };

    private static async Task Table(TextWriter o, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).Select(r => r.Select(OutputText.Terminal).ToArray()).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => i == header.Length - 1 ? 0 : r[i].Length)).ToArray();
        foreach (var r in all)
            await o.WriteLineAsync(string.Join("  ", r.Select((c, i) => i == r.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
    }
}
