using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// The store's dictionary of repeated texts (migration 0014): each distinct text once, referenced by id
/// from billing_line. One instance serves one load or one read, inside its transaction, and remembers
/// what it looked up; a rolled-back load's new ids go with its instance.
/// </summary>
internal sealed class StoreDictionary(SqliteConnection connection, SqliteTransaction? transaction) : IAsyncDisposable, IDisposable
{
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> _texts = [];
    private SqliteCommand? _selectId;
    private SqliteCommand? _insert;
    private RawStatement? _selectText;

    /// <summary>The id of <paramref name="text"/>, added to the dictionary if new; DBNull for null.</summary>
    public async ValueTask<object> IdAsync(string? text, CancellationToken ct)
    {
        if (text is null) return DBNull.Value;
        if (_ids.TryGetValue(text, out var id)) return id;
        _selectId ??= Prepare(Sql.DictionarySelectId, "@Text");
        _selectId.Parameters[0].Value = text;
        if (await _selectId.ExecuteScalarAsync(ct) is not long found)
        {
            _insert ??= Prepare(Sql.DictionaryInsert, "@Text");
            _insert.Parameters[0].Value = text;
            found = (long)(await _insert.ExecuteScalarAsync(ct))!;
        }
        _ids[text] = found;
        _texts[found] = text;
        return found;
    }

    /// <summary>Makes sure the text of <paramref name="id"/> is at hand for <see cref="Text"/>.</summary>
    public ValueTask LoadAsync(long id, CancellationToken ct)
    {
        if (_texts.ContainsKey(id)) return ValueTask.CompletedTask;
        ct.ThrowIfCancellationRequested();
        // Through SQLite's own API: a read of a month's shapes looks up a few thousand texts.
        _selectText ??= new RawStatement(connection, Sql.DictionarySelectText);
        _selectText.Bind(1, id);
        if (!_selectText.Step()) throw new InvalidOperationException($"The store is damaged: dictionary entry {id} is missing.");
        var text = _selectText.Text(0);
        _selectText.Step();
        _texts[id] = text;
        _ids.TryAdd(text, id);
        return ValueTask.CompletedTask;
    }

    /// <summary>The text of an id already loaded with <see cref="LoadAsync"/> or added with <see cref="IdAsync"/>.</summary>
    public string Text(long id) => _texts[id];

    private SqliteCommand Prepare(string sql, string parameter)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add(new SqliteParameter(parameter, null));
        command.Prepare();
        return command;
    }

    public void Dispose()
    {
        _selectId?.Dispose();
        _insert?.Dispose();
        _selectText?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_selectId is not null) await _selectId.DisposeAsync();
        if (_insert is not null) await _insert.DisposeAsync();
        _selectText?.Dispose();
    }
}
