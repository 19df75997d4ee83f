using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>A day waiting to be published: its analysis version, which the publish records when done.</summary>
public sealed record PendingDay(DateOnly Day, long Version);

/// <summary>What the ledger knows of one day and one target.</summary>
public sealed record PublishedDay(string Target, DateOnly Day, long Analyzed, long? Published, DateTimeOffset? PublishedAt,
    string? JobId, string? LastError)
{
    public bool Pending => Published is null || Published < Analyzed;
}

/// <summary>
/// The publish ledger (table <c>publish_day</c>, migration 0013), reached as <see cref="CostStore.Publications"/>:
/// which analyzed days an output such as BigQuery holds as the store has them. Every analysis of a day marks
/// it for every target, in the analysis's own transaction; a publish marks the version it sent.
/// </summary>
public sealed class PublishLedger
{
    /// <summary>The targets every analysis marks.</summary>
    public static readonly IReadOnlyList<string> Targets = [BigQuery];

    /// <summary>The BigQuery allocation table (configuration section Publish:BigQuery).</summary>
    public const string BigQuery = "bigquery";

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _clock;

    internal PublishLedger(SqliteConnection connection, TimeProvider clock)
    {
        _connection = connection;
        _clock = clock;
    }

    /// <summary>Marks <paramref name="day"/> analyzed again for every target (inside the analysis's transaction).</summary>
    internal async Task MarkAnalyzedAsync(DateOnly day, SqliteTransaction tx, CancellationToken ct)
    {
        foreach (var target in Targets)
            await _connection.ExecuteAsync(new CommandDefinition(Sql.PublishMarkAnalyzed,
                new { Target = target, Day = StoreText.Day(day) }, tx, cancellationToken: ct));
    }

    /// <summary>The days analyzed since <paramref name="target"/> last received them, in day order.</summary>
    public async Task<IReadOnlyList<PendingDay>> PendingAsync(string target, CancellationToken ct) =>
        (await _connection.QueryAsync<(string Day, long Analyzed)>(new CommandDefinition(Sql.PublishSelectPending,
            new { Target = target }, cancellationToken: ct)))
        .Select(r => new PendingDay(StoreText.ParseDay(r.Day), r.Analyzed)).ToList();

    /// <summary>Records that <paramref name="target"/> holds the version of the day that <paramref name="day"/> names.</summary>
    public async Task MarkPublishedAsync(string target, PendingDay day, string jobId, CancellationToken ct) =>
        await _connection.ExecuteAsync(new CommandDefinition(Sql.PublishMarkPublished, new
        {
            Target = target, Day = StoreText.Day(day.Day), Version = day.Version,
            At = StoreText.Instant(_clock.GetUtcNow()), JobId = jobId,
        }, cancellationToken: ct));

    /// <summary>Records why publishing the day failed; it stays pending.</summary>
    public async Task MarkFailedAsync(string target, DateOnly day, string? jobId, string error, CancellationToken ct) =>
        await _connection.ExecuteAsync(new CommandDefinition(Sql.PublishMarkFailed,
            new { Target = target, Day = StoreText.Day(day), JobId = jobId, Error = error }, cancellationToken: ct));

    public async Task<IReadOnlyList<PublishedDay>> AllAsync(string target, CancellationToken ct) =>
        (await _connection.QueryAsync<Row>(new CommandDefinition(Sql.PublishSelectAll, new { Target = target }, cancellationToken: ct)))
        .Select(r => new PublishedDay(r.Target, StoreText.ParseDay(r.Day), r.Analyzed, r.Published,
            r.PublishedAt is null ? null : StoreText.ParseInstant(r.PublishedAt), r.JobId, r.LastError))
        .ToList();

    private sealed class Row
    {
        public string Target { get; init; } = "";
        public string Day { get; init; } = "";
        public long Analyzed { get; init; }
        public long? Published { get; init; }
        public string? PublishedAt { get; init; }
        public string? JobId { get; init; }
        public string? LastError { get; init; }
    }
}
