using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// A table of shapes found by their key (line_shape, allocation_shape): a shape is a row of dictionary ids,
/// and its key is those ids joined by commas, a missing one empty. Finds a shape's id by its key, or inserts
/// the row and returns the new id. Runs on its connection, inside whatever transaction is open there.
/// </summary>
/// <param name="what">The shape in words, for the error of an insert that returns nothing ("a line shape").</param>
/// <param name="selectId">The statement that selects the id of the row whose key is parameter 1.</param>
/// <param name="insert">The statement that inserts @Key and <paramref name="parameters"/>, returning the id.</param>
/// <param name="parameters">The insert's parameters after @Key, in the order of the values given.</param>
internal sealed class ShapeKeys(SqliteConnection connection, string what, string selectId, string insert, string[] parameters) : IDisposable
{
    private RawStatement? _selectId;
    private RawStatement? _insert;
    private int[]? _at;

    /// <summary>The id of the shape whose values (dictionary ids as long, a missing one DBNull) are <paramref name="values"/>.</summary>
    public long IdOf(object[] values)
    {
        var key = string.Join(',', values.Select(v => v is long l ? l.ToString(CultureInfo.InvariantCulture) : ""));
        _selectId ??= new RawStatement(connection, selectId);
        _selectId.Bind(1, key);
        if (_selectId.Step())
        {
            var found = _selectId.Int64(0);
            _selectId.Step();
            return found;
        }
        _insert ??= new RawStatement(connection, insert);
        _at ??= parameters.Select(_insert.ParameterIndex).ToArray();
        _insert.Bind(_insert.ParameterIndex("@Key"), key);
        for (var i = 0; i < values.Length; i++) _insert.Bind(_at[i], values[i]);
        if (!_insert.Step()) throw new InvalidOperationException($"Inserting {what} returned no id.");
        var id = _insert.Int64(0);
        _insert.Step();
        return id;
    }

    public void Dispose()
    {
        _selectId?.Dispose();
        _insert?.Dispose();
    }
}
