using System.IO.Compression;

namespace Costs.CostIngest.Files;

/// <summary>The billing file formats that `costs ingest file` reads.</summary>
public enum BillingFileFormat
{
    /// <summary>The Cloud Billing BigQuery export as newline-delimited JSON (`bq extract`).</summary>
    BigQueryJson,
    /// <summary>A FOCUS 1.0+ CSV export (any provider).</summary>
    FocusCsv,
}

public static class BillingFileFormats
{
    public static string ToText(this BillingFileFormat f) => f switch
    {
        BillingFileFormat.BigQueryJson => "bq-json",
        BillingFileFormat.FocusCsv => "focus-csv",
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "Unknown format."),
    };

    public static BillingFileFormat Parse(string text) => text switch
    {
        "bq-json" => BillingFileFormat.BigQueryJson,
        "focus-csv" => BillingFileFormat.FocusCsv,
        _ => throw new FormatException($"Unknown billing file format '{text}': use bq-json or focus-csv."),
    };

    /// <summary>
    /// Opens a file's bytes, decompressing gzip (by its magic bytes, whatever the name says) through
    /// <see cref="CheckedGzipStream"/>, which fails a gzip file that is cut short instead of ending early.
    /// </summary>
    public static Stream OpenData(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new CheckedGzipStream(file, path) : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Detects the format from the first non-blank character: '{' is JSON lines, anything else is CSV
    /// (then the header must name the FOCUS columns, which the reader checks).
    /// </summary>
    public static async Task<BillingFileFormat> DetectAsync(string path, CancellationToken ct)
    {
        // A line that is not text still shows its first character (its bad bytes are the reader's to report).
        await foreach (var line in TextLines.ReadAsync(path, ct))
            foreach (var c in line.Text)
                if (!char.IsWhiteSpace(c)) return c == '{' ? BillingFileFormat.BigQueryJson : BillingFileFormat.FocusCsv;
        throw new FormatException($"{path}: the file is empty, so its format cannot be told; pass --format.");
    }
}
