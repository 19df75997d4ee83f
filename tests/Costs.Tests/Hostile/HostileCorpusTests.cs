using System.Globalization;
using System.Text.Json;
using Costs.Cli;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.Tests.Hostile;

/// <summary>
/// The hostile-input corpus (tests/hostile): each case of manifest.json runs `costs` in-process, as
/// `costs` would run from the folder tests/hostile/cases, on a fresh store, and checks the exit code,
/// the messages and what the store then holds. The files are made by tests/hostile/make-cases.py.
/// </summary>
public sealed class HostileCorpusTests
{
    private static readonly string Root = RepoRoot.Path;
    private static readonly string Cases = Path.Combine(Root, "tests", "hostile", "cases");

    public sealed record Case(string Name, string[] Args, int Exit, string? Stdout, string? Stderr, string? StderrAbsent, long Lines, string Net,
        string[][]? Then, string? ThenStdout, long? Rejected, string? RejectedAmount)
    {
        public override string ToString() => Name;
    }

    private sealed record Manifest(string About, Case[] Cases);

    private static IReadOnlyList<Case> Load() =>
        JsonSerializer.Deserialize<Manifest>(File.ReadAllText(Path.Combine(Root, "tests", "hostile", "manifest.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!.Cases;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Load()) data.Add(c.Name);
        return data;
    }

    [Fact]
    public void Manifest_Cases_AtLeastThirtyWithUniqueNamesAndExistingFiles()
    {
        var cases = Load();
        Assert.True(cases.Count >= 30, $"{cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        var named = cases.SelectMany(c => c.Args.Skip(2).Where(a => !a.StartsWith("--", StringComparison.Ordinal) && a.Contains('.') || a == "a-folder")).ToHashSet();
        var present = Directory.EnumerateFileSystemEntries(Cases).Select(Path.GetFileName).ToHashSet();
        Assert.Empty(present.Except(named)); // every file of the corpus is used by a case
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Costs_HostileInput_EndsAsTheManifestSays(string name)
    {
        var c = Load().Single(x => x.Name == name);
        var dir = Directory.CreateTempSubdirectory("costs-hostile-").FullName;
        try
        {
            var store = Path.Combine(dir, "costs.db");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var env = new CliEnvironment(stdout, stderr, new Dictionary<string, string>(StringComparer.Ordinal), Cases, TimeProvider.System, IsTerminal: false);
            var exit = await CostsCli.RunAsync(["--store", store, .. c.Args], env);

            var said = $"\nstdout: {stdout}\nstderr: {stderr}";
            Assert.True(exit == c.Exit, $"exit {exit}, expected {c.Exit}{said}");
            if (c.Stdout is not null) Assert.True(stdout.ToString().Contains(c.Stdout, StringComparison.Ordinal), $"stdout lacks '{c.Stdout}'{said}");
            if (c.Stderr is not null) Assert.True(stderr.ToString().Contains(c.Stderr, StringComparison.Ordinal), $"stderr lacks '{c.Stderr}'{said}");
            if (c.StderrAbsent is not null) Assert.False(stderr.ToString().Contains(c.StderrAbsent, StringComparison.Ordinal), $"stderr has '{c.StderrAbsent}'{said}");
            foreach (var next in c.Then ?? [])
            {
                stdout.GetStringBuilder().Clear();
                stderr.GetStringBuilder().Clear();
                var then = await CostsCli.RunAsync(["--store", store, .. next], env);
                Assert.True(then == 0, $"{string.Join(' ', next)}: exit {then}\nstdout: {stdout}\nstderr: {stderr}");
            }
            if (c.ThenStdout is not null)
                Assert.True(stdout.ToString().Contains(c.ThenStdout, StringComparison.Ordinal), $"last stdout lacks '{c.ThenStdout}'\nstdout: {stdout}");

            var (lines, net) = await StoredAsync(store);
            Assert.Equal(c.Lines, lines);
            Assert.Equal(decimal.Parse(c.Net, CultureInfo.InvariantCulture), net);
            if (c.Rejected is { } count)
            {
                var rejected = await RejectedAsync(store);
                Assert.Equal(count, rejected.Count);
                Assert.Equal(decimal.Parse(c.RejectedAmount ?? "0", CultureInfo.InvariantCulture), rejected.AmountIn(Currency.Usd));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The rejected rows the store keeps, counted, with the amounts read from them.</summary>
    private static async Task<RejectedRows> RejectedAsync(string path)
    {
        if (!File.Exists(path)) return RejectedRows.None;
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        return RejectedRows.Of(await store.RejectsAsync(CancellationToken.None));
    }

    /// <summary>How many billing lines the store holds, and their cost + credits; none when no store was made.</summary>
    private static async Task<(long Lines, decimal Net)> StoredAsync(string path)
    {
        if (!File.Exists(path)) return (0, 0m);
        await using var store = await CostStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        long lines = 0;
        var net = 0m;
        await foreach (var l in store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None))
        {
            lines++;
            net += l.Cost + l.CreditTotal;
        }
        return (lines, net);
    }
}
