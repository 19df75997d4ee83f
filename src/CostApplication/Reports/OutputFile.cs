using Costs.CostApplication.Stages;

namespace Costs.CostApplication.Reports;

/// <summary>
/// Writes an output file beside its name and renames it into place when done, so a killed run never
/// leaves half a file (an export, a workbook) under the name a reader looks for.
/// </summary>
public static class OutputFile
{
    /// <summary>Writes <paramref name="path"/>, replacing a file already there; a folder there is refused.</summary>
    public static Task<T> WriteAsync<T>(string path, Func<Stream, T> write, CancellationToken ct) =>
        WriteAsync(path, (stream, token) => Task.Run(() => write(stream), token), ct);

    /// <summary>
    /// Writes <paramref name="path"/> with an asynchronous writer (one that streams from the store), replacing a
    /// file already there. When the writer fails, the partial file is removed and the old file stays.
    /// </summary>
    public static async Task<T> WriteAsync<T>(string path, Func<Stream, CancellationToken, Task<T>> write, CancellationToken ct)
    {
        if (Directory.Exists(path))
            throw new StageException(FailureKind.Configuration, $"{path} is a folder: --out names the file to write.");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (File.Exists(folder))
            throw new StageException(FailureKind.Configuration, $"{folder} is a file, so {path} cannot be written in it.");
        Directory.CreateDirectory(folder);
        var temp = path + ".partial";
        T result;
        try
        {
            await using var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            result = await write(file, ct);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        File.Move(temp, path, overwrite: true);
        return result;
    }

    /// <summary>Refuses a folder path that names an existing file (the workbook goes into a folder).</summary>
    public static void RequireFolder(string folder)
    {
        if (File.Exists(folder))
            throw new StageException(FailureKind.Configuration,
                $"{folder} is a file: --out names the folder the workbook is written to; name a folder, or a path that does not exist yet.");
    }
}
