using Costs.CostModel.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Tests.Store;

/// <summary>Stores as an earlier version of Costs left them, for the tests of the migrations that came after.</summary>
internal static class OldStore
{
    /// <summary>
    /// A new store file with the migrations before <paramref name="firstMissing"/> applied, as that version's
    /// code applied them, and then <paramref name="rows"/> (SQL written as that version's code wrote its rows).
    /// </summary>
    public static async Task<string> CreateAsync(int firstMissing, string rows)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory($"costs-before-{firstMissing:D4}-").FullName, "s.db");
        await using var old = new SqliteConnection($"Data Source={path};Pooling=false");
        await old.ExecuteAsync("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
        foreach (var (version, name, text) in Sql.Migrations().Where(m => m.Version < firstMissing))
        {
            await old.ExecuteAsync(text);
            await old.ExecuteAsync("INSERT INTO schema_migration VALUES (@version, @name, '2026-11-01T00:00:00Z');", new { version, name });
        }
        await old.ExecuteAsync(rows);
        return path;
    }
}
