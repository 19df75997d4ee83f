using Costs.CostModel.Store;
namespace Costs.CostReports.Delivery;

/// <summary>What happened to one (key, channel) in this run.</summary>
public enum DeliveryState
{
    /// <summary>Delivered now.</summary>
    Sent,
    /// <summary>The ledger says an earlier run delivered it: skipped.</summary>
    AlreadySent,
    /// <summary>
    /// Sent, and whether it arrived is unknown: an attempt (now or in an earlier run) got no answer
    /// after sending, or an earlier run recorded it as pending and never recorded an outcome. Never
    /// repeated automatically; listed for a human.
    /// </summary>
    OutcomeUnknown,
    /// <summary>Failed after retries (429, 5xx, timeouts, connection): retried by the next run.</summary>
    Failed,
    /// <summary>Refused for good (400, 403, 404, a missing secret): recorded, reported, retried next run.</summary>
    FailedPermanently,
    /// <summary>--dry-run: printed, not sent, not recorded.</summary>
    DryRun,
    /// <summary>No route sends this alert anywhere.</summary>
    Unrouted,
}

public static class DeliveryStates
{
    /// <summary>The words a person reads for a delivery state (the CLI tables, the run's log).</summary>
    public static string ToText(this DeliveryState s) => s switch
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
}

public sealed record DeliveryReport(string Key, string Channel, DeliveryState State, string Detail)
{
    public bool IsFailure => State is DeliveryState.Failed or DeliveryState.FailedPermanently;
}

/// <summary>
/// At-most-once delivery through the ledger. Before sending, the (key, channel) row is written as
/// 'pending' and committed; after the receiver accepts, it is marked 'sent'; after a failure,
/// 'failed'; when the message left and no answer came, 'unknown'. A later run skips 'sent', retries
/// 'failed', and repeats neither 'unknown' nor 'pending' (the earlier run died between sending and
/// recording): the message may well have arrived, so it reports "outcome unknown, not repeated". A
/// run cancelled while sending leaves 'pending' for the same reason.
/// </summary>
public static class LedgeredDelivery
{
    public const string OutcomeUnknownText = "outcome unknown, not repeated";

    public static async Task<DeliveryReport> DeliverOnceAsync(DeliveryLedger ledger, string key, string channel,
        Func<CancellationToken, Task<SendResult>> send, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(send);
        var entry = await ledger.GetAsync(key, channel, ct);
        if (Settled(entry) is { } settled) return settled;
        if (!await ledger.TryClaimAsync(key, channel, ct))
            return Settled(await ledger.GetAsync(key, channel, ct))
                ?? throw new InvalidOperationException($"Delivery of '{key}' to '{channel}' could not be claimed.");

        var result = await send(ct);
        if (result.Delivered)
        {
            await ledger.MarkSentAsync(key, channel, result.Outcome, ct);
            return new DeliveryReport(key, channel, DeliveryState.Sent, Describe(result));
        }
        if (result.OutcomeUnknown)
        {
            await ledger.MarkOutcomeUnknownAsync(key, channel, result.Outcome, ct);
            return new DeliveryReport(key, channel, DeliveryState.OutcomeUnknown, $"{OutcomeUnknownText}: {Describe(result)}");
        }
        await ledger.MarkFailedAsync(key, channel, result.Outcome, ct);
        return new DeliveryReport(key, channel, result.Permanent ? DeliveryState.FailedPermanently : DeliveryState.Failed, Describe(result));
    }

    private static DeliveryReport? Settled(LedgerEntry? entry) => entry switch
    {
        { State: LedgerState.Sent } e => new DeliveryReport(e.Key, e.Channel, DeliveryState.AlreadySent,
            $"already sent {e.UpdatedAt:yyyy-MM-dd HH:mm:ss}Z ({e.Outcome})"),
        { State: LedgerState.Pending } e => new DeliveryReport(e.Key, e.Channel, DeliveryState.OutcomeUnknown,
            $"{OutcomeUnknownText} (a run started sending at {e.UpdatedAt:yyyy-MM-dd HH:mm:ss}Z and recorded no outcome)"),
        { State: LedgerState.OutcomeUnknown } e => new DeliveryReport(e.Key, e.Channel, DeliveryState.OutcomeUnknown,
            $"{OutcomeUnknownText} ({e.UpdatedAt:yyyy-MM-dd HH:mm:ss}Z: {e.Outcome})"),
        _ => null,
    };

    private static string Describe(SendResult r)
    {
        var text = r.Outcome;
        if (r.Delays.Count > 0)
            text += $"; retried after {string.Join(", ", r.Delays.Select(d => $"{d.TotalSeconds:0.###} s"))}";
        return text;
    }
}
