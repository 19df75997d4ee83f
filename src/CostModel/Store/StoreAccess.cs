using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>The store cannot be opened as asked (a read-only file or folder, an old schema on a read-only volume); the message names the path.</summary>
public sealed class StoreAccessException(string message, Exception? inner = null) : IOException(message, inner)
{
    private const int SqliteFull = 13;

    /// <summary>SQLite's "database or disk is full": the volume holding the store (or its -wal file) has no room left.</summary>
    public static bool IsDiskFull(Exception ex) => ex is SqliteException { SqliteErrorCode: SqliteFull };

    /// <summary>A full disk in words that name the store and say that the change was rolled back.</summary>
    public static string DiskFull(string path) =>
        $"The disk holding the store {path} is full (SQLite: database or disk is full). Nothing of this change was kept: the store is as it was. "
        + "Free space on that volume (a load needs room for the store's -wal file beside it too), then run the command again.";
}

/// <summary>Why a store cannot be written, in words that name the path and what to do.</summary>
internal static class StoreAccess
{
    private const int SqliteReadOnly = 8;
    private const int SqliteCantOpen = 14;
    private const int SqlitePermission = 3;

    /// <summary>A failure that comes from file permissions (SQLite's read-only, cannot-open or permission codes, or the OS's).</summary>
    public static bool IsDenied(Exception ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode is SqliteReadOnly or SqliteCantOpen or SqlitePermission,
        UnauthorizedAccessException => true,
        _ => false,
    };

    /// <summary>Whether this user may open the existing file <paramref name="path"/> for writing (nothing is written).</summary>
    public static bool FileWritable(string path)
    {
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static string WhyNotWritable(string path)
    {
        var dir = Path.GetDirectoryName(path) ?? ".";
        var name = Path.GetFileName(path);
        if (!Directory.Exists(dir))
            return $"The store {path} cannot be created: its folder {dir} does not exist and cannot be made here. Create it, or point --store (Store:Path) elsewhere.";
        if (File.Exists(path) && !FileWritable(path))
            return $"The store {path} is read-only for this user (its file permissions). Reading verbs (query, report, recommend, alert --dry-run) "
                + "open it read-only; to load or analyze, give this user write access to the file, or point --store (Store:Path) elsewhere.";
        return $"The store {path} cannot be written: its folder {dir} is not writable for this user, and SQLite keeps {name}-wal and {name}-shm beside the store. "
            + "Reading verbs (query, report, recommend, alert --dry-run) open an existing store read-only; to load or analyze, give this user write access "
            + "to the folder, or point --store (Store:Path) elsewhere.";
    }
}
