namespace Costs.Tests.EndToEnd;

/// <summary>
/// A store on a read-only folder or file (issue 11, item 11): reading verbs work by opening it read-only,
/// and a writing verb says which path cannot be written, never "SQLite Error 8". As root permissions do
/// not bind, so the executable then runs as the unprivileged user 65534 (setpriv); otherwise as this user.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyStoreTests
{
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode ReadOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode ReadOnlyFile = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode WritableByAll = ReadOnlyFolder | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>How to run the executable as a user whom file permissions bind.</summary>
    private static string[] Unprivileged => Environment.UserName == "root"
        ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        : [];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadingVerbs_StoreInReadOnlyFolder_ReadItAndWritingVerbsNameThePath(bool fileWritable)
    {
        using var dir = new TempDir();
        File.SetUnixFileMode(dir.Root, Open);
        var folder = dir.File("ro");
        Directory.CreateDirectory(folder);
        var store = Path.Combine(folder, "costs.db");
        var export = Path.Combine(RepoRoot.Path, "tests", "hostile", "cases", "surrogate-label.jsonl");
        var loaded = await CostsProcess.RunAsync(dir.Root, "--store", store, "ingest", "file", export, "--max-bad-rows", "1");
        Assert.True(loaded.ExitCode == 0, loaded.Error);
        var clean = await CostsProcess.RunAsync(dir.Root, "--store", store, "query", "--by", "service,day", "--format", "csv");
        var outDir = dir.File("out");
        Directory.CreateDirectory(outDir);
        File.SetUnixFileMode(outDir, WritableByAll);
        File.SetUnixFileMode(store, fileWritable ? ReadOnlyFile | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.UserWrite : ReadOnlyFile);
        File.SetUnixFileMode(folder, ReadOnlyFolder);
        try
        {
            // The store cannot be written by the user the verbs run as: a load fails, naming the path.
            var ingest = await CostsProcess.RunAsync(Unprivileged, dir.Root, "--store", store, "ingest", "file", export, "--max-bad-rows", "1");
            Assert.Equal(1, ingest.ExitCode);
            Assert.Contains($"The store {store}", ingest.Error);
            Assert.Contains(fileWritable ? $"its folder {folder} is not writable" : "is read-only for this user", ingest.Error);
            Assert.DoesNotContain("SQLite Error", ingest.Error);

            var query = await CostsProcess.RunAsync(Unprivileged, dir.Root, "--store", store, "query", "--by", "service,day", "--format", "csv");
            Assert.True(query.ExitCode == 0, query.Error);
            Assert.Equal(clean.Out, query.Out);
            var recommend = await CostsProcess.RunAsync(Unprivileged, dir.Root, "--store", store, "recommend");
            Assert.True(recommend.ExitCode == 0, recommend.Error);
            var alert = await CostsProcess.RunAsync(Unprivileged, dir.Root, "--store", store, "alert", "--dry-run");
            Assert.True(alert.ExitCode == 0, alert.Error);
            Assert.Contains("rejected-rows:2026-10:1", alert.Out);
            var report = await CostsProcess.RunAsync(Unprivileged, dir.Root, "--store", store, "report", "--out", outDir);
            Assert.True(report.ExitCode == 0, report.Error);
            Assert.Contains("reconciliation difference 0.00", report.Out);
            Assert.Equal([store], Directory.GetFiles(folder)); // nothing was made beside the store
        }
        finally
        {
            File.SetUnixFileMode(folder, Open);
        }
    }
}
