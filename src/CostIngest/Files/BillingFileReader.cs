using System.Runtime.CompilerServices;

namespace Costs.CostIngest.Files;

/// <summary>Reads any supported billing file, detecting its format when not given.</summary>
public static class BillingFileReader
{
    public static async IAsyncEnumerable<FileRow> ReadAsync(string path, BillingFileFormat? format,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var display = path;
        var f = format ?? await BillingFileFormats.DetectAsync(path, ct);
        var rows = f switch
        {
            BillingFileFormat.BigQueryJson => BigQueryJsonReader.ReadAsync(path, display, ct),
            BillingFileFormat.FocusCsv => FocusCsvReader.ReadAsync(path, display, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(format), f, "Unknown format."),
        };
        await foreach (var row in rows) yield return row;
    }
}
