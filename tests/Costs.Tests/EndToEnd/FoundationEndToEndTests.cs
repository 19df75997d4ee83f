using System.Globalization;
using System.Text.Json;

namespace Costs.Tests.EndToEnd;

/// <summary>The foundation's acceptance checks, through the real executable.</summary>
public class FoundationEndToEndTests
{
    /// <summary>Net (cost + credits) of an export file, summed here from its text, independently of Costs' reader.</summary>
    private static decimal NetOf(string jsonl)
    {
        var net = 0m;
        foreach (var line in File.ReadLines(jsonl))
        {
            using var doc = JsonDocument.Parse(line);
            net += decimal.Parse(doc.RootElement.GetProperty("cost").GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
            foreach (var c in doc.RootElement.GetProperty("credits").EnumerateArray())
                net += decimal.Parse(c.GetProperty("amount").GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return net;
    }

    private static async Task<string> Generate(TempDir dir, string name = "export.jsonl", string days = "4")
    {
        var r = await CostsProcess.RunAsync(dir.Root, "generate", "--days", days, "--end", "2026-10-05", "--out", name);
        Assert.True(r.ExitCode == 0, r.Error);
        return dir.File(name);
    }

    [Fact]
    public async Task QueryJson_AfterIngest_AddsUpExactlyToTheBilledTotal()
    {
        using var dir = new TempDir();
        var export = await Generate(dir);
        var ingest = await CostsProcess.RunAsync(dir.Root, "ingest", "file", export, "--store", "s.db");
        Assert.True(ingest.ExitCode == 0, ingest.Error);

        foreach (var by in new[] { "service", "team,environment", "project,cloud-service,sku", "day", "month", "region,cluster,namespace" })
        {
            var q = await CostsProcess.RunAsync(dir.Root, "query", "--by", by, "--format", "json", "--store", "s.db");
            Assert.True(q.ExitCode == 0, q.Error);
            using var doc = JsonDocument.Parse(q.Out);
            var root = doc.RootElement;
            Assert.Equal("USD", root.GetProperty("currency").GetString());
            Assert.Equal("2026-10-01", root.GetProperty("from").GetString());
            Assert.Equal("2026-10-04", root.GetProperty("to").GetString());
            var rows = root.GetProperty("rows").EnumerateArray().ToList();
            var total = root.GetProperty("total").GetProperty("net").GetDecimal();
            Assert.Equal(total, rows.Sum(r => r.GetProperty("net").GetDecimal()));
            Assert.Equal(NetOf(export), total);
            Assert.All(rows, r => Assert.Equal(r.GetProperty("cost").GetDecimal() + r.GetProperty("credits").GetDecimal(), r.GetProperty("net").GetDecimal()));
        }
    }

    [Fact]
    public async Task Query_UnattributedDimension_IsNullInJson()
    {
        using var dir = new TempDir();
        var export = await Generate(dir, days: "1");
        await CostsProcess.RunAsync(dir.Root, "ingest", "file", export, "--store", "s.db");
        var q = await CostsProcess.RunAsync(dir.Root, "query", "--by", "service,namespace", "--format", "json", "--store", "s.db");
        using var doc = JsonDocument.Parse(q.Out);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("namespace").ValueKind == JsonValueKind.Null);
        // Unallocated cost is named by its kind, as in the workbook, never a null or a workload's name.
        Assert.Contains(rows, r => r.GetProperty("service").GetString() == "(unallocated)");
    }

    [Fact]
    public async Task IngestFile_Twice_LeavesTheSameStoreContent()
    {
        using var dir = new TempDir();
        var export = await Generate(dir);
        await CostsProcess.RunAsync(dir.Root, "ingest", "file", export, "--store", "s.db");
        var once = await CostsProcess.RunAsync(dir.Root, "query", "--by", "day,project,cloud-service,sku,service,team,environment", "--format", "csv", "--store", "s.db");
        var again = await CostsProcess.RunAsync(dir.Root, "ingest", "file", export, "--store", "s.db");
        Assert.Equal(0, again.ExitCode);
        var twice = await CostsProcess.RunAsync(dir.Root, "query", "--by", "day,project,cloud-service,sku,service,team,environment", "--format", "csv", "--store", "s.db");
        Assert.Equal(once.Out, twice.Out);
        Assert.True(once.Out.Split('\n').Length > 20);
    }

    [Fact]
    public async Task IngestFile_CorruptedFile_FailsWithFileLineAndWritesNothing()
    {
        using var dir = new TempDir();
        var export = await Generate(dir, days: "2");
        await CostsProcess.RunAsync(dir.Root, "ingest", "file", export, "--store", "s.db");
        var before = await CostsProcess.RunAsync(dir.Root, "query", "--by", "day,service", "--format", "csv", "--store", "s.db");

        // Restate the same days with a file whose 7th line is cut short and whose 9th has a bad cost.
        var lines = File.ReadAllLines(export).Select(l => l.Replace("\"cost\":0.", "\"cost\":1.", StringComparison.Ordinal)).ToArray();
        lines[6] = lines[6][..40];
        lines[8] = System.Text.RegularExpressions.Regex.Replace(lines[8], "\"cost\":[-0-9.e]+", "\"cost\":\"12,5\"");
        var corrupt = dir.File("corrupt.jsonl");
        File.WriteAllLines(corrupt, lines);

        var r = await CostsProcess.RunAsync(dir.Root, "ingest", "file", corrupt, "--store", "s.db");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains($"{corrupt}:7:", r.Error);
        Assert.Contains($"{corrupt}:9: cost: not a number (value: 12,5)", r.Error);
        Assert.Contains("Nothing was loaded", r.Error);
        var after = await CostsProcess.RunAsync(dir.Root, "query", "--by", "day,service", "--format", "csv", "--store", "s.db");
        Assert.Equal(before.Out, after.Out);
    }

    [Fact]
    public async Task Query_AfterALoadWithoutAnalysis_AsksForAnalyze()
    {
        using var dir = new TempDir();
        var export = await Generate(dir, days: "1");
        await CostsProcess.RunAsync(dir.Root, "ingest", "file", export, "--store", "s.db");
        var load = await CostsProcess.RunAsync(dir.Root, "ingest", "file", export, "--store", "s.db", "--no-analyze");
        Assert.Equal(0, load.ExitCode);
        var stale = await CostsProcess.RunAsync(dir.Root, "query", "--by", "service", "--store", "s.db");
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("costs analyze", stale.Error);
        Assert.Equal(0, (await CostsProcess.RunAsync(dir.Root, "analyze", "--store", "s.db")).ExitCode);
        Assert.Equal(0, (await CostsProcess.RunAsync(dir.Root, "query", "--by", "service", "--store", "s.db")).ExitCode);
    }

    [Fact]
    public async Task Query_FixedOnAStoreWithoutFixedAmounts_CaptionSaysNoDays()
    {
        using var dir = new TempDir();
        var export = await Generate(dir, days: "1");
        await CostsProcess.RunAsync(dir.Root, "ingest", "file", export, "--store", "s.db");
        var q = await CostsProcess.RunAsync(dir.Root, "query", "--by", "service", "--fixed", "--store", "s.db");
        Assert.Equal(0, q.ExitCode);
        Assert.Contains("no days with rows, USD", q.Out);
        Assert.DoesNotContain("to ,", q.Out);
    }

    [Fact]
    public async Task IngestFile_FocusSample_LoadsAndQueries()
    {
        using var dir = new TempDir();
        var focus = Path.Combine(AppContext.BaseDirectory, "fixtures", "focus_sample.csv");
        var r = await CostsProcess.RunAsync(dir.Root, "ingest", "file", focus, "--store", "s.db");
        Assert.True(r.ExitCode == 0, r.Error);
        var q = await CostsProcess.RunAsync(dir.Root, "query", "--by", "cloud-service", "--format", "json", "--store", "s.db");
        using var doc = JsonDocument.Parse(q.Out);
        Assert.Equal(20.52022672899m, doc.RootElement.GetProperty("total").GetProperty("net").GetDecimal());
    }

    [Fact]
    public async Task Demo_OneMonth_WritesAReconciledWorkbook()
    {
        using var dir = new TempDir();
        var r = await CostsProcess.RunAsync(dir.Root, "demo", "--out", "demo", "--months", "1");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Matches(@"Reconciliation difference\s*│\s*0\.00", r.Out);
        // The dry-run alerts include the one-day spike and a budget (issue 5).
        Assert.Contains("Spend spike: analytics-pipeline", r.Out);
        Assert.Matches("(?i)budget", r.Out[r.Out.IndexOf("Alerts the demo data triggers", StringComparison.Ordinal)..]);
        Assert.Contains("\"blocks\"", File.ReadAllText(dir.File("demo/alerts-dry-run.txt")));
        var workbook = Directory.GetFiles(dir.File("demo"), "costs-report-*.xlsx").Single();
        Assert.Contains(workbook, r.Out);
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(workbook, false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Summary", "Services", "Environments", "Teams", "Clusters", "Workloads", "Daily", "Unallocated", "Reconciliation",
            "Recommendations", "Commitments", "Data"], sheets);

        // The production cluster was sampled: its node costs are split among workloads, with idle apart.
        var q = await CostsProcess.RunAsync(dir.Root, "query", "--store", "demo/costs-demo.db", "--by", "cluster,kind", "--format", "json");
        using var json = JsonDocument.Parse(q.Out);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        var idle = rows.Single(r => r.GetProperty("cluster").GetString() == "prod-eu" && r.GetProperty("kind").GetString() == "idle");
        Assert.True(idle.GetProperty("net").GetDecimal() > 0m);
        var perNode = await CostsProcess.RunAsync(dir.Root, "query", "--store", "demo/costs-demo.db", "--by", "cluster,node-pool,node,kind", "--format", "json");
        using var nodes = JsonDocument.Parse(perNode.Out);
        var idleNodes = nodes.RootElement.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "idle" && r.GetProperty("cluster").GetString() == "prod-eu").ToList();
        Assert.Equal(6, idleNodes.Select(r => r.GetProperty("node").GetString()).Distinct().Count());
        Assert.Equal(idle.GetProperty("net").GetDecimal(), idleNodes.Sum(r => r.GetProperty("net").GetDecimal()));

        // Every service's cost adds up across clusters: by service = the sum over (service, cluster).
        var byService = await QueryNet(dir, "service");
        var byServiceCluster = await QueryNet(dir, "service,cluster");
        Assert.Equal(byService.OrderBy(kv => kv.Key).ToList(), byServiceCluster.OrderBy(kv => kv.Key).ToList());
    }

    private static async Task<Dictionary<string, decimal>> QueryNet(TempDir dir, string by)
    {
        var q = await CostsProcess.RunAsync(dir.Root, "query", "--store", "demo/costs-demo.db", "--by", by, "--format", "json");
        using var json = JsonDocument.Parse(q.Out);
        return json.RootElement.GetProperty("rows").EnumerateArray()
            .GroupBy(r => r.GetProperty("service").ValueKind == JsonValueKind.Null ? "(null)" : r.GetProperty("service").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.GetProperty("net").GetDecimal()));
    }

    [Theory]
    [InlineData(2, "query")]
    [InlineData(2, "query", "--by", "colour")]
    [InlineData(2, "frobnicate")]
    [InlineData(2, "ingest", "file", "no-such-file.jsonl")]
    public async Task Cli_BadUsage_ExitsTwo(int expected, params string[] args)
    {
        using var dir = new TempDir();
        var r = await CostsProcess.RunAsync(dir.Root, args);
        Assert.Equal(expected, r.ExitCode);
        Assert.StartsWith("costs: ", r.Error);
    }

    [Theory]
    [InlineData("query", "--by", "service", "--to", "2026-11-31")]
    [InlineData("alert", "--as-of", "yesterday")]
    [InlineData("ingest", "bigquery", "--since", "21/11/2026")]
    public async Task Cli_BadDay_NamesTheOptionAndTheValue(params string[] args)
    {
        using var dir = new TempDir();
        var r = await CostsProcess.RunAsync(dir.Root, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"costs: {args[^2]}: '{args[^1]}' is not a day (yyyy-MM-dd).", r.Error);
    }

    [Fact]
    public async Task Help_ListsEveryVerb()
    {
        using var dir = new TempDir();
        var r = await CostsProcess.RunAsync(dir.Root, "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var verb in new[] { "ingest", "analyze", "query", "report", "demo", "generate" }) Assert.Contains(verb, r.Out);
    }
}
