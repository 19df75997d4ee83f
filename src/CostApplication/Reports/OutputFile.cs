namespace Costs.CostApplication.Reports;

/// <summary>
/// Writes an output file beside its name and renames it into place when done, so a killed run never
/// leaves half a file (an export, a workbook) under the name a reader looks for.
/// </summary>
public static class OutputFile
{
    public static async Task<T> WriteAsync<T>(string path, Func<Stream, T> write, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".partial";
        T result;
        await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            result = await Task.Run(() => write(file), ct);
        }
        File.Move(temp, path, overwrite: true);
        return result;
    }
}
