using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Costs.CostIngest.Tests.Fakes;
using Costs.Tests.EndToEnd;
using Xunit.Abstractions;

namespace Costs.Tests.BigQuery;

/// <summary>
/// Publish:BigQuery through the real executable against the loopback BigQuery fake, which records each load
/// job (multipart upload, then jobs.get) and keeps the table's partitions: every analyzed day replaces its
/// partition, a second analysis of the same days replaces and never appends, each partition sums to the
/// day's billed net, and a failed load leaves the analysis committed and its day pending for the next run.
/// </summary>
public class PublishBigQueryTests(ITestOutputHelper output)
{
    private const string TableKey = "acme-finops.costs_out.allocation";

    private sealed class Setup : IAsyncDisposable
    {
        public required TempDir Dir { get; init; }
        public required FakeBigQuery Fake { get; init; }
        public required LoopbackServer Server { get; init; }

        public Dictionary<string, string> Environment => new(StringComparer.Ordinal)
        {
            ["COSTS_Publish__BigQuery__Project"] = "acme-finops",
            ["COSTS_Publish__BigQuery__Dataset"] = "costs_out",
            ["COSTS_Publish__BigQuery__Table"] = "allocation",
            ["COSTS_Publish__BigQuery__Location"] = "EU",
            ["COSTS_Publish__BigQuery__BaseUri"] = Server.BaseUri.AbsoluteUri,
            ["COSTS_Publish__BigQuery__PollInterval"] = "00:00:00.010",
            ["COSTS_GOOGLE_ACCESS_TOKEN"] = "test",
        };

        public Task<CostsProcess.Result> RunAsync(params string[] args) => CostsProcessWithEnvironment.RunAsync(Dir.Root, Environment, args);

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            Dir.Dispose();
        }
    }

    private static async Task<Setup> StartAsync()
    {
        var dir = new TempDir();
        var gen = await CostsProcess.RunAsync(dir.Root, "generate", "--days", "3", "--end", "2026-10-04", "--out", "x.jsonl");
        Assert.True(gen.ExitCode == 0, gen.Error);
        var fake = new FakeBigQuery { LoadPollsBeforeDone = 1 };
        return new Setup { Dir = dir, Fake = fake, Server = await LoopbackServer.StartAsync(fake.Handle) };
    }

    [Fact]
    public async Task IngestThenAnalyzeAgain_SameDays_PartitionsReplacedNotAppendedAndSumToTheBilledNet()
    {
        await using var s = await StartAsync();

        var ingest = await s.RunAsync("ingest", "file", "x.jsonl", "--store", "s.db");
        Assert.True(ingest.ExitCode == 0, ingest.Out + ingest.Error);
        Assert.Contains("replaced 3 day partition(s)", ingest.Out, StringComparison.Ordinal);
        var first = Partitions(s.Fake);
        Assert.Equal(["20261001", "20261002", "20261003"], first.Keys);
        var billed = await BilledNetByDayAsync(s);
        foreach (var (partition, rows) in first) Assert.Equal(billed[partition], rows.Sum(Net));

        var again = await s.RunAsync("analyze", "--store", "s.db");
        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.Equal(6, s.Fake.LoadJobs.Count);
        var second = Partitions(s.Fake);
        Assert.Equal(first.Keys, second.Keys);
        foreach (var (partition, rows) in second)
        {
            Assert.Equal(first[partition].Count, rows.Count);
            Assert.Equal(billed[partition], rows.Sum(Net));
        }

        // The wire: one multipart upload per day into its partition decorator, replacing it, then jobs.get.
        var job = s.Fake.LoadJobs[0];
        output.WriteLine(job.Metadata.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Assert.StartsWith("multipart/related", job.ContentType, StringComparison.Ordinal);
        Assert.Equal("allocation$20261001", job.DestinationTableId);
        Assert.Equal("WRITE_TRUNCATE", job.WriteDisposition);
        Assert.Equal("NEWLINE_DELIMITED_JSON", job.Load["sourceFormat"]!.GetValue<string>());
        Assert.Equal("DAY", job.Load["timePartitioning"]!["type"]!.GetValue<string>());
        Assert.Equal("day", job.Load["timePartitioning"]!["field"]!.GetValue<string>());
        Assert.Contains(job.Load["schema"]!["fields"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "net" && f["type"]!.GetValue<string>() == "NUMERIC");
        Assert.All(job.Rows, r => Assert.Equal(JsonValueKind.String, r["net"]!.GetValueKind()));
        var uploads = s.Server.Requests.Where(r => r.Method == "POST").ToList();
        Assert.All(uploads, r => Assert.Equal("/upload/bigquery/v2/projects/acme-finops/jobs", r.Path));
        Assert.All(uploads, r => Assert.Equal("multipart", r.Query["uploadType"]));
        Assert.Contains(s.Server.Requests, r => r.Method == "GET" && r.Path.StartsWith("/bigquery/v2/projects/acme-finops/jobs/costs_", StringComparison.Ordinal)
            && r.Query["location"] == "EU");
        Assert.All(s.Server.Requests, r => Assert.Equal("Bearer test", r.Authorization));
    }

    [Fact]
    public async Task Ingest_LoadJobFails_AnalysisKeptExitExternalAndTheNextRunPublishesTheDay()
    {
        await using var s = await StartAsync();
        s.Fake.LoadError = job => job.DestinationTableId.EndsWith("20261002", StringComparison.Ordinal)
            ? new JsonObject { ["reason"] = "invalid", ["message"] = "Error while reading data, error message: JSON table encountered too many errors", ["location"] = "file-00000000" }
            : null;

        var ingest = await s.RunAsync("ingest", "file", "x.jsonl", "--store", "s.db");
        Assert.True(ingest.ExitCode == 4, ingest.Out + ingest.Error);
        Assert.Contains("JSON table encountered too many errors", ingest.Out, StringComparison.Ordinal);
        Assert.Contains("2 day(s) stay pending", ingest.Out, StringComparison.Ordinal);
        var query = await s.RunAsync("query", "--by", "day", "--store", "s.db");
        Assert.True(query.ExitCode == 0, query.Error);
        Assert.Equal(["20261001"], Partitions(s.Fake).Keys);

        s.Fake.LoadError = null;
        var run = await s.RunAsync("run", "--store", "s.db");
        Assert.Contains("Stage publish done", run.Out + run.Error, StringComparison.Ordinal);
        var billed = await BilledNetByDayAsync(s);
        var partitions = Partitions(s.Fake);
        Assert.Equal(["20261001", "20261002", "20261003"], partitions.Keys);
        foreach (var (partition, rows) in partitions) Assert.Equal(billed[partition], rows.Sum(Net));
    }

    private static SortedDictionary<string, List<JsonObject>> Partitions(FakeBigQuery fake) =>
        fake.Tables.TryGetValue(TableKey, out var t) ? t : [];

    private static decimal Net(JsonObject row) => decimal.Parse(row["net"]!.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>The store's net per usage day (YYYYMMDD), which `query` checks against the billed totals.</summary>
    private static async Task<Dictionary<string, decimal>> BilledNetByDayAsync(Setup s)
    {
        var q = await s.RunAsync("query", "--by", "day", "--format", "json", "--store", "s.db");
        Assert.True(q.ExitCode == 0, q.Error);
        using var doc = JsonDocument.Parse(q.Out);
        return doc.RootElement.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("day").GetString()!.Replace("-", "", StringComparison.Ordinal), r => r.GetProperty("net").GetDecimal());
    }
}
