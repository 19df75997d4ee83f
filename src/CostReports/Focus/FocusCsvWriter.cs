using System.Globalization;
using System.Text;
using Costs.CostModel.Allocation;
using Costs.CostReports.Csv;

namespace Costs.CostReports.Focus;

/// <summary>What an export wrote: its rows and, per billing currency, the sum of BilledCost.</summary>
public sealed record FocusWriteResult(long Rows, IReadOnlyDictionary<string, decimal> BilledByCurrency);

/// <summary>
/// Writes allocation rows as FOCUS CSV (UTF-8 without a byte-order mark, a header of column ids, one line per
/// row, LF line ends, RFC 4180 quoting), one row at a time: memory does not grow with the rows. Text cells
/// pass through the same defence against spreadsheet formulas as every CSV that Costs writes; a null is an
/// empty cell.
/// </summary>
public static class FocusCsvWriter
{
    public static async Task<FocusWriteResult> WriteAsync(Stream output, IAsyncEnumerable<AllocationRow> rows,
        FocusContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        await writer.WriteLineAsync(string.Join(',', FocusColumns.All.Select(c => c.Name)));
        var totals = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        long count = 0;
        var line = new StringBuilder(1024);
        await foreach (var row in rows.WithCancellation(ct))
        {
            var cells = FocusRow.Cells(row, context);
            line.Clear();
            for (var i = 0; i < cells.Length; i++)
            {
                if (i > 0) line.Append(',');
                line.Append(Cell(FocusColumns.All[i], cells[i]));
            }
            await writer.WriteLineAsync(line, ct);
            totals[row.Currency.Code] = totals.GetValueOrDefault(row.Currency.Code) + row.Net;
            count++;
        }
        await writer.FlushAsync(ct);
        return new FocusWriteResult(count, totals);
    }

    /// <summary>One cell of a column, by the column's type.</summary>
    public static string Cell(FocusColumn column, object? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (value is null)
        {
            if (!column.AllowsNull) throw new InvalidOperationException($"FOCUS column {column.Name} may not be null.");
            return "";
        }
        return (column.Type, value) switch
        {
            (FocusType.Decimal, decimal d) => d.ToString(CultureInfo.InvariantCulture),
            (FocusType.DateTime, DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            (FocusType.Json, string json) => CsvCell.Quoted(json),
            (FocusType.String, string text) => CsvCell.Text(text),
            _ => throw new InvalidOperationException($"FOCUS column {column.Name} ({column.Type}) cannot hold a {value.GetType().Name}."),
        };
    }
}
