namespace Costs.CostIngest.Tests;

/// <summary>Paths of the fixture files copied beside the test assembly (see fixtures/README.md).</summary>
internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", name);
}

/// <summary>A temporary folder, deleted when disposed.</summary>
internal sealed class TempDir : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("costs-test-").FullName;
    public string File(string name) => System.IO.Path.Combine(Root, name);
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
