using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// Applies the numbered migrations in sql/store/migrations that the store has not recorded yet, each
/// in its own transaction together with its row in <c>schema_migration</c>. Running it again does nothing.
/// </summary>
internal static class Migrator
{
    public static async Task<int> ApplyAsync(SqliteConnection connection, TimeProvider clock, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);",
            cancellationToken: ct));
        var applied = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT version FROM schema_migration;", cancellationToken: ct))).ToHashSet();
        var count = 0;
        foreach (var (version, name, text) in Sql.Migrations())
        {
            if (applied.Contains(version)) continue;
            using var tx = connection.BeginTransaction();
            await connection.ExecuteAsync(new CommandDefinition(text, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migration (version, name, applied_at) VALUES (@version, @name, @at);",
                new { version, name, at = clock.GetUtcNow().ToString("O") }, tx, cancellationToken: ct));
            tx.Commit();
            count++;
        }
        return count;
    }

    /// <summary>
    /// For a store opened read-only: refuses one that lacks a migration this program has (it cannot be
    /// migrated without writing), naming the store and what to do.
    /// </summary>
    public static async Task CheckCurrentAsync(SqliteConnection connection, string path, CancellationToken ct)
    {
        var known = Sql.Migrations().Select(m => (long)m.Version).ToHashSet();
        var tables = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration';", cancellationToken: ct));
        var applied = tables == 0 ? [] : (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT version FROM schema_migration;", cancellationToken: ct))).ToHashSet();
        var missing = known.Except(applied).Order().ToList();
        if (missing.Count > 0)
            throw new StoreAccessException($"The store {path} is read-only and its schema is older than this costs (migration {missing[0]} and "
                + $"{missing.Count - 1} more not applied): run any verb once with write access to the store's folder to migrate it.");
    }
}
