using System.Globalization;
using System.Text.Json;
using Costs.CostIngest.Tests.Fakes;
using Costs.Tests.EndToEnd;
using Xunit.Abstractions;

namespace Costs.Tests.BigQuery;

/// <summary>
/// Issue 3's acceptance, through the real executable: `costs ingest bigquery` against a loopback
/// BigQuery v2 REST fake that serves the generated export rows (aggregated as
/// sql/bigquery/billing_lines.sql aggregates them), then `costs query`, gives the same totals and rows
/// as `costs ingest file` on the same rows as JSONL.
/// </summary>
/// <remarks>
/// The executable reads the system clock: a run back-fills from the first day of the month three
/// months back through today, and checks the export partitions of the last ten days. So the rows
/// are generated for the three days before today (UTC), and their partitions fall in that window.
/// </remarks>
public class IngestBigQueryEndToEndTests(ITestOutputHelper output)
{
    private const string Table = "acme-billing.billing_export.gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7A8B9";
    private const string By = "service,environment,cloud-service,sku,day";
    private const string ExtraServiceLabel = "component";

    private sealed class Setup : IAsyncDisposable
    {
        public required TempDir Dir { get; init; }
        public required FakeBigQuery Fake { get; init; }
        public required LoopbackServer Server { get; init; }
        public required string Export { get; init; }
        public required IReadOnlyList<ExportRow> Rows { get; init; }

        public Dictionary<string, string> Environment => new(StringComparer.Ordinal)
        {
            ["COSTS_BigQuery__Table"] = Table,
            ["COSTS_BigQuery__BillingProject"] = "acme-finops",
            ["COSTS_BigQuery__Location"] = "EU",
            ["COSTS_BigQuery__BaseUri"] = new Uri(Server.BaseUri, "bigquery/v2/").AbsoluteUri,
            ["COSTS_BigQuery__PollTimeout"] = "00:00:01",
            ["COSTS_GOOGLE_ACCESS_TOKEN"] = "test",
        };

        public Task<CostsProcess.Result> IngestBigQuery(string store) =>
            CostsProcessWithEnvironment.RunAsync(Dir.Root, Environment, "ingest", "bigquery", "--store", store);

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            Dir.Dispose();
        }
    }

    private static async Task<Setup> StartAsync()
    {
        var dir = new TempDir();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var gen = await CostsProcess.RunAsync(dir.Root, "generate", "--days", "3",
            "--end", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--out", "x.jsonl");
        Assert.True(gen.ExitCode == 0, gen.Error);
        var export = dir.File("x.jsonl");
        ExtraExportRows.Append(export, today.AddDays(-2));
        var rows = ExportRow.ReadJsonl(export);

        // Read by every run in this folder (./costs.json): one more service label key than the defaults.
        await File.WriteAllTextAsync(dir.File("costs.json"), $$"""
            { "Attribution": { "ServiceLabels": [ "app.kubernetes.io/name", "app", "service", "{{ExtraServiceLabel}}" ] } }
            """);

        var fake = new FakeBigQuery { PageSize = 97, PollsBeforeComplete = 1 };
        fake.Rows.AddRange(BillingLinesAggregation.Aggregate(rows, [.. BillingLinesAggregation.DefaultLabelKeys, ExtraServiceLabel]));
        var server = await LoopbackServer.StartAsync(fake.Handle);
        return new Setup { Dir = dir, Fake = fake, Server = server, Export = export, Rows = rows };
    }

    private static async Task<JsonDocument> Query(TempDir dir, string store, string by = By)
    {
        var q = await CostsProcess.RunAsync(dir.Root, "query", "--by", by, "--format", "json", "--store", store);
        Assert.True(q.ExitCode == 0, q.Error);
        return JsonDocument.Parse(q.Out);
    }

    /// <summary>The rows of a query, as comparable text with every amount parsed to decimal (scale-free).</summary>
    private static List<string> RowsOf(JsonDocument doc) =>
        doc.RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => string.Join("|", r.EnumerateObject().Select(p =>
                p.Name + "=" + (p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDecimal().ToString("0.############################", CultureInfo.InvariantCulture) : p.Value.ToString()))))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static (decimal Cost, decimal Credits, decimal Net) TotalOf(JsonDocument doc)
    {
        var t = doc.RootElement.GetProperty("total");
        return (t.GetProperty("cost").GetDecimal(), t.GetProperty("credits").GetDecimal(), t.GetProperty("net").GetDecimal());
    }

    [Fact]
    public async Task IngestBigQuery_SameRowsAsJsonl_QueryGivesTheSameTotalsAndRowsAsIngestFile()
    {
        await using var s = await StartAsync();
        Assert.True(s.Rows.Any(r => r.Labels.Any(l => l.Key == "k8s-namespace")) && s.Rows.Any(r => r.ResourceName is not null), "GKE labels and node resources");
        Assert.True(s.Rows.Select(r => r.UsageStart.UtcDateTime.Date).Distinct().Count() == 3, "several days");
        Assert.True(s.Rows.SelectMany(r => r.Credits).Select(c => c.Type).Distinct().Count() >= 6);
        Assert.True(s.Fake.Rows.Count < s.Rows.Count, "the fake serves rows aggregated per hour, as the SQL does");

        var bq = await s.IngestBigQuery("a.db");
        Assert.True(bq.ExitCode == 0, bq.Out + bq.Error);
        var file = await CostsProcess.RunAsync(s.Dir.Root, "ingest", "file", s.Export, "--store", "b.db");
        Assert.True(file.ExitCode == 0, file.Out + file.Error);

        foreach (var by in new[] { By, "team,project,region,cluster,namespace" })
        {
            using var a = await Query(s.Dir, "a.db", by);
            using var b = await Query(s.Dir, "b.db", by);
            Assert.Equal(TotalOf(b), TotalOf(a));
            var (fileRows, bqRows) = (RowsOf(b), RowsOf(a));
            Assert.True(fileRows.SequenceEqual(bqRows), $"--by {by}, only from the file:\n" + string.Join("\n", fileRows.Except(bqRows)) +
                "\nonly from BigQuery:\n" + string.Join("\n", bqRows.Except(fileRows)));
            Assert.Equal(b.RootElement.GetProperty("from").GetString(), a.RootElement.GetProperty("from").GetString());
            Assert.Equal(b.RootElement.GetProperty("to").GetString(), a.RootElement.GetProperty("to").GetString());
            Assert.True(bqRows.Count > 5);
        }

        // The wire: a partition check, then one lines query, each polled once and paged; a static token.
        var kinds = s.Fake.Queries.Select(q => q.Kind).ToList();
        Assert.Equal(["partitions", "billing_lines"], kinds);
        Assert.All(s.Fake.Queries, q => Assert.Equal("EU", q.Location));
        Assert.All(s.Fake.Queries, q => Assert.Contains("`" + Table + "`", q.Sql, StringComparison.Ordinal));
        Assert.All(s.Fake.Queries, q => Assert.Contains("_PARTITIONTIME >= TIMESTAMP(@partition_start)", q.Sql, StringComparison.Ordinal));
        Assert.All(s.Server.Requests, r => Assert.Equal("Bearer test", r.Authorization));
        Assert.Equal(2, s.Server.Requests.Count(r => r.Method == "GET" && !r.Query.ContainsKey("pageToken"))); // jobComplete:false, polled
        Assert.Contains(s.Server.Requests, r => r.Method == "GET" && r.Query.ContainsKey("pageToken"));
        Assert.All(s.Server.Requests, r => Assert.StartsWith("/bigquery/v2/projects/acme-finops/queries", r.Path, StringComparison.Ordinal));
    }

    /// <summary>
    /// The scheduled job and the verb are one use case: `costs run` with BigQuery configured and a service
    /// label key only the configuration names (component) gives the same store as `costs ingest bigquery`.
    /// Before the application core, the run skipped the verb's label-key default and left those rows
    /// unallocated.
    /// </summary>
    [Fact]
    public async Task Run_BigQueryWithConfiguredServiceLabel_SameStoreAsIngestBigQuery()
    {
        await using var s = await StartAsync();
        Assert.Contains(s.Rows, r => r.Labels.Any(l => l.Key == ExtraServiceLabel));
        var verb = await s.IngestBigQuery("verb.db");
        Assert.True(verb.ExitCode == 0, verb.Out + verb.Error);
        var run = await CostsProcessWithEnvironment.RunAsync(s.Dir.Root, s.Environment, "run", "--store", "run.db");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("Stage ingest done", run.Out + run.Error, StringComparison.Ordinal);

        foreach (var by in new[] { "service,environment,team,cloud-service,sku,day", "kind,service" })
        {
            using var a = await Query(s.Dir, "verb.db", by);
            using var b = await Query(s.Dir, "run.db", by);
            Assert.Equal(TotalOf(a), TotalOf(b));
            Assert.Equal(RowsOf(a), RowsOf(b));
        }
        using var services = await Query(s.Dir, "run.db", "service");
        Assert.Contains(RowsOf(services), r => r.StartsWith("service=search|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestBigQuery_TwiceAgainstAnUnchangedExport_SecondRunReplacesNothing()
    {
        await using var s = await StartAsync();
        var first = await s.IngestBigQuery("a.db");
        Assert.True(first.ExitCode == 0, first.Out + first.Error);
        using var once = await Query(s.Dir, "a.db");
        var queriesBefore = s.Fake.Queries.Count;

        var second = await s.IngestBigQuery("a.db");
        Assert.True(second.ExitCode == 0, second.Out + second.Error);
        Assert.Contains("no usage days replaced", second.Out, StringComparison.Ordinal);
        Assert.Equal(["partitions"], s.Fake.Queries.Skip(queriesBefore).Select(q => q.Kind));
        using var twice = await Query(s.Dir, "a.db");
        Assert.Equal(RowsOf(once), RowsOf(twice));
        Assert.Equal(TotalOf(once), TotalOf(twice));
    }

    [Fact]
    public async Task IngestBigQuery_PermissionDenied_ExitsFourWithOneLineAndLeavesTheStore()
    {
        await using var s = await StartAsync();
        var first = await s.IngestBigQuery("a.db");
        Assert.True(first.ExitCode == 0, first.Out + first.Error);
        using var before = await Query(s.Dir, "a.db");

        // The export changed (a restated row, its partition's newest export_time bumped), but jobs are now refused.
        var restated = s.Fake.Rows[0];
        var newest = s.Fake.Rows.Where(r => r.PartitionDay == restated.PartitionDay).Max(r => r.ExportTime);
        s.Fake.Rows[0] = restated with { Cost = "1000", ExportTime = newest.AddMinutes(1) };
        s.Fake.Intercept = r => r.Method == "POST"
            ? FakeBigQuery.Error(403, "PERMISSION_DENIED",
                "Access Denied: Project acme-finops: User does not have bigquery.jobs.create permission in project acme-finops.", "accessDenied")
            : null;
        var denied = await s.IngestBigQuery("a.db");

        Assert.Equal(4, denied.ExitCode);
        var message = denied.Error.TrimEnd('\r', '\n');
        output.WriteLine(message);
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith("costs: ", message, StringComparison.Ordinal);
        Assert.Contains("acme-finops", message, StringComparison.Ordinal);
        using var after = await Query(s.Dir, "a.db");
        Assert.Equal(RowsOf(before), RowsOf(after));
        Assert.Equal(TotalOf(before), TotalOf(after));

        // Nor was the partition state recorded: once allowed, the next run re-pulls the restated row.
        s.Fake.Intercept = null;
        var allowed = await s.IngestBigQuery("a.db");
        Assert.True(allowed.ExitCode == 0, allowed.Out + allowed.Error);
        output.WriteLine(allowed.Out);
        Assert.Contains("1 of ", allowed.Out, StringComparison.Ordinal);
        using var restatedQuery = await Query(s.Dir, "a.db");
        Assert.Equal(TotalOf(before).Cost + 1000m - decimal.Parse(restated.Cost, CultureInfo.InvariantCulture), TotalOf(restatedQuery).Cost);
    }
}
