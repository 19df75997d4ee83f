using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Costs.CostModel.Store;

/// <summary>
/// One prepared statement driven through SQLite's own API, on the connection (and so inside the
/// transaction) of the store. Only the two paths that run once per billing line use it, the insert of a
/// load and the read of the analysis: Microsoft.Data.Sqlite looks every parameter up by name and checks
/// every value's type on each execution, which made those paths several times slower than SQLite.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly object?[] _bound;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _connection = connection;
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        _bound = new object?[raw.sqlite3_bind_parameter_count(_statement) + 1];
    }

    /// <summary>The 1-based index of a parameter (<c>@Name</c>); a name the statement lacks is a bug.</summary>
    public int ParameterIndex(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    /// <summary>
    /// Binds a value: long, string or DBNull (what the store's codecs make). SQLite keeps a binding from
    /// one run to the next, so a value equal to the one already bound (the same account, service or label
    /// set as the line before) is not bound again.
    /// </summary>
    public void Bind(int index, object value)
    {
        if (_bound[index] is { } previous && Same(previous, value)) return;
        var rc = value switch
        {
            long l => raw.sqlite3_bind_int64(_statement, index, l),
            string s => raw.sqlite3_bind_text(_statement, index, s),
            DBNull => raw.sqlite3_bind_null(_statement, index),
            _ => throw new ArgumentException($"Cannot bind a {value.GetType().Name}.", nameof(value)),
        };
        SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        _bound[index] = value;
    }

    private static bool Same(object a, object b) => (a, b) switch
    {
        (long x, long y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (DBNull, DBNull) => true,
        _ => false,
    };

    /// <summary>Runs the statement to its next row; false when it is done (and then it is reset for another run).</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        return false;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    /// <summary>Whether the value in the current row is stored as an INTEGER (not its column's declared type).</summary>
    public bool IsInteger(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_INTEGER;

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    /// <summary>The storage class of the value in the current row (raw.SQLITE_NULL, SQLITE_INTEGER, SQLITE_TEXT…).</summary>
    public int Type(int column) => raw.sqlite3_column_type(_statement, column);

    /// <summary>A TEXT value parsed as <see cref="StoreText.ParseDecimal"/> parses it, from its UTF-8 bytes (no string made).</summary>
    public decimal ParseDecimal(int column) =>
        decimal.Parse(raw.sqlite3_column_blob(_statement, column), NumberStyles.Number, CultureInfo.InvariantCulture);

    public void Dispose() => _statement.Dispose();
}
