using Costs.CostAnalyzer.Alerts;
using Costs.CostApplication.Alerts;
using Costs.CostReports.Delivery;

namespace Costs.Cli;

/// <summary>How `alert` and `demo` print alerts: the payloads of a dry run, the alerts, and each delivery's state.</summary>
internal static class AlertsOutput
{
    /// <summary>The alerts, with every payload on a dry run, then what happened to each delivery.</summary>
    public static async Task PrintAsync(CliContext ctx, AlertsDelivered delivered)
    {
        var result = delivered.Detected.Result;
        foreach (var w in result.Warnings) await ctx.Error.WriteLineAsync($"costs: warning: {w}");
        await ctx.Out.WriteLineAsync($"Alerts as of {delivered.Detected.AsOf:yyyy-MM-dd}: {result.Alerts.Count}{(delivered.DryRun ? " (dry run: nothing is sent)" : "")}");
        if (delivered.DryRun)
        {
            var kinds = ctx.Settings.Alerts.Channels.ToDictionary(c => c.Name, c => c.Kind, StringComparer.Ordinal);
            foreach (var item in delivered.Items)
            {
                await ctx.Out.WriteLineAsync($"--- {item.Key} -> {item.Channel} ({kinds[item.Channel]})");
                await ctx.Out.WriteLineAsync(System.Text.Json.Nodes.JsonNode.Parse(item.Payload)!.ToJsonString(Indented));
            }
        }
        var o = ctx.Out;
        if (result.Alerts.Count > 0)
        {
            await o.WriteLineAsync();
            await Table(o, ["SEVERITY", "KEY", "TITLE"], result.Alerts.Select(a => new[] { a.Severity.ToText(), a.Key, a.Title }));
        }
        if (delivered.Reports.Count > 0)
        {
            await o.WriteLineAsync();
            await Table(o, ["KEY", "CHANNEL", "STATE", "DETAIL"], delivered.Reports.Select(r => new[] { r.Key, r.Channel, r.State.ToText(), r.Detail }));
        }
        var unknown = delivered.Reports.Count(r => r.State == DeliveryState.OutcomeUnknown);
        if (unknown > 0)
            await o.WriteLineAsync(unknown == 1
                ? "\n1 delivery has an unknown outcome: it was sent and no answer came, so it may have arrived. It is not resent "
                  + "automatically: check the channel, and resend it by hand if it is missing (docs/alerts.md)."
                : $"\n{unknown} deliveries have an unknown outcome: they were sent and no answer came, so they may have arrived. They are "
                  + "not resent automatically: check the channel, and resend any that is missing by hand (docs/alerts.md).");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static async Task Table(TextWriter o, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).Select(r => r.Select(OutputText.Terminal).ToArray()).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => i == header.Length - 1 ? 0 : r[i].Length)).ToArray();
        foreach (var r in all)
            await o.WriteLineAsync(string.Join("  ", r.Select((c, i) => i == r.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
    }
}
