namespace Costs.Tests;

/// <summary>The repository's root folder (where Costs.sln is), for tests that read deploy/ or tests/hostile/.</summary>
internal static class RepoRoot
{
    public static readonly string Path = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Costs.sln"))) return dir.FullName;
        throw new InvalidOperationException("Costs.sln not found above the test directory.");
    }
}
