using Costs.Cli;

namespace Costs.Scheduling;

/// <summary>
/// Keeps two runs (`costs run`, a `serve` job) from working on one store at once: an exclusive lock on
/// the file <c>STORE.lock</c> beside the store, held by an open <see cref="FileStream"/> with
/// <see cref="FileShare.None"/> (on Linux, an OS <c>flock</c>). The OS drops the lock when the holder
/// dies, so a killed run never leaves a stale lock; the file itself stays and is harmless.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _file;

    private RunLock(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    public string Path { get; }

    public static string PathFor(string storePath) => CostApplication.Stages.RunLockFile.PathFor(storePath);

    /// <summary>The lock, or null when another holder has it.</summary>
    public static RunLock? TryAcquire(string storePath)
    {
        var path = PathFor(storePath);
        if (System.IO.Path.GetDirectoryName(path) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
        try
        {
            // Who holds it, for a person who looks (not used for the decision).
            file.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n");
            file.Write(pid);
            file.Flush();
        }
        catch (IOException)
        {
            // The lock is what matters; the note is best effort.
        }
        return new RunLock(file, path);
    }

    /// <summary>The lock, or a <see cref="CliException"/> with <see cref="ExitCodes.Busy"/>.</summary>
    public static RunLock Acquire(string storePath) => TryAcquire(storePath) ?? throw new CliException(ExitCodes.Busy,
        $"Another costs run (or a serve job) is working on this store: it holds the lock {PathFor(storePath)}. " +
        "Nothing was done; try again when it has finished.");

    public void Dispose() => _file.Dispose();
}
