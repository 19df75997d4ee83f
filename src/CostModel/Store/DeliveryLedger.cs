using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

public enum LedgerState
{
    Pending,
    Sent,
    Failed,
    /// <summary>Sent, and no answer came (an attempt timed out, or the connection broke): not sent again automatically.</summary>
    OutcomeUnknown,
}

/// <summary>One row of the ledger: what is known about delivering <see cref="Key"/> to <see cref="Channel"/>.</summary>
public sealed record LedgerEntry(string Key, string Channel, LedgerState State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Outcome);

/// <summary>
/// The delivery ledger in the store (table <c>delivery</c>, migrations 0005 and 0008), reached as
/// <see cref="CostStore.Deliveries"/>. Each call is its own committed statement: <see cref="TryClaimAsync"/>
/// is on disk before the caller sends anything.
/// </summary>
public sealed class DeliveryLedger
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _clock;

    internal DeliveryLedger(SqliteConnection connection, TimeProvider clock)
    {
        _connection = connection;
        _clock = clock;
    }

    public async Task<LedgerEntry?> GetAsync(string key, string channel, CancellationToken ct)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql.DeliverySelect,
            new { Key = key, Channel = channel }, cancellationToken: ct));
        return row?.ToEntry();
    }

    public async Task<IReadOnlyList<LedgerEntry>> AllAsync(CancellationToken ct) =>
        (await _connection.QueryAsync<Row>(new CommandDefinition(Sql.DeliverySelectAll, cancellationToken: ct)))
        .Select(r => r.ToEntry()).ToList();

    /// <summary>
    /// Records the key as 'pending' (new, or after a failure) and commits. False when the ledger
    /// already holds it as 'sent' or 'pending': then the caller must not send.
    /// </summary>
    public async Task<bool> TryClaimAsync(string key, string channel, CancellationToken ct) =>
        await _connection.ExecuteAsync(new CommandDefinition(Sql.DeliveryMarkPending,
            new { Key = key, Channel = channel, At = Now() }, cancellationToken: ct)) == 1;

    public Task MarkSentAsync(string key, string channel, string outcome, CancellationToken ct) =>
        MarkAsync(key, channel, "sent", outcome, ct);

    public Task MarkFailedAsync(string key, string channel, string outcome, CancellationToken ct) =>
        MarkAsync(key, channel, "failed", outcome, ct);

    /// <summary>Records that the message left and no answer came ('unknown', migration 0008): it is never claimed again.</summary>
    public Task MarkOutcomeUnknownAsync(string key, string channel, string outcome, CancellationToken ct) =>
        MarkAsync(key, channel, "unknown", outcome, ct);

    private async Task MarkAsync(string key, string channel, string state, string outcome, CancellationToken ct)
    {
        var n = await _connection.ExecuteAsync(new CommandDefinition(Sql.DeliveryMarkDone,
            new { Key = key, Channel = channel, State = state, At = Now(), Outcome = outcome }, cancellationToken: ct));
        if (n != 1) throw new InvalidOperationException($"Delivery of '{key}' to '{channel}' was not pending when it was marked {state}.");
    }

    private string Now() => StoreText.Instant(_clock.GetUtcNow());

    private sealed class Row
    {
        public string Key { get; init; } = "";
        public string Channel { get; init; } = "";
        public string State { get; init; } = "";
        public long Attempts { get; init; }
        public string CreatedAt { get; init; } = "";
        public string UpdatedAt { get; init; } = "";
        public string? Outcome { get; init; }

        public LedgerEntry ToEntry() => new(Key, Channel, State switch
        {
            "pending" => LedgerState.Pending,
            "sent" => LedgerState.Sent,
            "failed" => LedgerState.Failed,
            "unknown" => LedgerState.OutcomeUnknown,
            _ => throw new FormatException($"Unknown delivery state '{State}' for '{Key}' to '{Channel}'."),
        }, (int)Attempts, StoreText.ParseInstant(CreatedAt), StoreText.ParseInstant(UpdatedAt), Outcome);
    }
}
