namespace Costs.CostIngest.Files;

/// <summary>Reads any supported billing file, detecting its format when not given.</summary>
public static class BillingFileReader
{
    public static IAsyncEnumerable<FileRow> ReadAsync(string path, BillingFileFormat? format, CancellationToken ct)
    {
        var display = path;
        var f = format ?? BillingFileFormats.Detect(path);
        return f switch
        {
            BillingFileFormat.BigQueryJson => BigQueryJsonReader.ReadAsync(path, display, ct),
            BillingFileFormat.FocusCsv => FocusCsvReader.ReadAsync(path, display, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(format), f, "Unknown format."),
        };
    }
}
