using System.Text.Json.Nodes;
using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Google;
using Costs.CostIngest.Tests.Fakes;

namespace Costs.CostIngest.Tests.BigQuery;

public class BigQueryRestClientTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 20, 6, 0, 0, TimeSpan.Zero);

    private static void AddRows(FakeBigQuery fake, int count)
    {
        for (var i = 0; i < count; i++)
            fake.Rows.Add(new FakeExportRow
            {
                PartitionDay = new DateOnly(2026, 10, 1 + i),
                UsageStart = new DateTimeOffset(2026, 10, 1 + i, 0, 0, 0, TimeSpan.Zero),
                ExportTime = new DateTimeOffset(2026, 10, 1 + i, 4, 0, 0, TimeSpan.Zero),
                Cost = "1.5",
            });
    }

    private static BigQueryQuery PartitionsQuery() => new("-- costs:partitions\nSELECT 1",
        [QueryParameter.Date("partition_start", new DateOnly(2026, 10, 1)), QueryParameter.Date("partition_end", new DateOnly(2026, 10, 21))]);

    private static async Task<List<BqRecord>> Drain(IBigQueryClient client, BigQueryQuery q)
    {
        var list = new List<BqRecord>();
        await foreach (var r in client.QueryAsync(q, CancellationToken.None)) list.Add(r);
        return list;
    }

    [Fact]
    public async Task QueryAsync_JobIncompleteThenSeveralPages_PollsAndReadsEveryRow()
    {
        await using var h = await Harness.StartAsync(Now);
        AddRows(h.Fake, 5);
        h.Fake.PageSize = 2;
        h.Fake.PollsBeforeComplete = 2;

        var rows = await Drain(h.Client(h.Options()), PartitionsQuery());

        Assert.Equal(Enumerable.Range(1, 5).Select(d => new DateOnly(2026, 10, d)), rows.Select(r => r.Date("partition_day")!.Value));
        var requests = h.Server.Requests.ToList();
        Assert.Equal("POST", requests[0].Method);
        Assert.Equal("/bigquery/v2/projects/acme-jobs/queries", requests[0].Path);
        // POST (incomplete), GET (incomplete), GET (page 1), GET page 2, GET page 3.
        var gets = requests.Skip(1).ToList();
        Assert.Equal(4, gets.Count);
        Assert.All(gets, g =>
        {
            Assert.Equal("GET", g.Method);
            Assert.Equal("/bigquery/v2/projects/acme-jobs/queries/job_1", g.Path);
            Assert.Equal("EU", g.Query["location"]);
            Assert.Equal("true", g.Query["formatOptions.useInt64Timestamp"]);
        });
        Assert.Equal([null, null, "p2", "p4"], gets.Select(g => g.Query.GetValueOrDefault("pageToken")));
        Assert.All(requests, r => Assert.Equal("Bearer test-token", r.Authorization));
    }

    [Fact]
    public async Task QueryAsync_NamedParameters_SentInDocumentedShape()
    {
        await using var h = await Harness.StartAsync(Now);
        var q = new BigQueryQuery("-- costs:partitions\nSELECT 1",
        [
            QueryParameter.Date("partition_start", new DateOnly(2026, 10, 1)),
            QueryParameter.Date("partition_end", new DateOnly(2026, 10, 21)),
            QueryParameter.StringArray("keys", ["app", "team"]),
        ]);
        await Drain(h.Client(h.Options()), q);

        var body = JsonNode.Parse(h.Server.Requests.First().Body)!;
        Assert.False(body["useLegacySql"]!.GetValue<bool>());
        Assert.Equal("NAMED", body["parameterMode"]!.GetValue<string>());
        Assert.Equal("EU", body["location"]!.GetValue<string>());
        Assert.True(body["formatOptions"]!["useInt64Timestamp"]!.GetValue<bool>());
        Assert.NotNull(body["requestId"]);
        Assert.NotNull(body["timeoutMs"]);
        var array = body["queryParameters"]![2]!;
        Assert.Equal("""{"name":"keys","parameterType":{"type":"ARRAY","arrayType":{"type":"STRING"}},"parameterValue":{"arrayValues":[{"value":"app"},{"value":"team"}]}}""",
            array.ToJsonString());
        Assert.Equal("""{"name":"partition_start","parameterType":{"type":"DATE"},"parameterValue":{"value":"2026-10-01"}}""",
            body["queryParameters"]![0]!.ToJsonString());
    }

    [Theory]
    [InlineData(401, "error_401.json", GoogleApiError.Unauthenticated, "gcloud auth application-default login")]
    [InlineData(403, "error_403.json", GoogleApiError.PermissionDenied, "roles/bigquery.jobUser")]
    [InlineData(404, "error_404.json", GoogleApiError.NotFound, "BigQuery:Table")]
    [InlineData(400, "error_400_location.json", GoogleApiError.WrongLocation, "BigQuery:Location")]
    public async Task QueryAsync_ClientError_OneLineFixNoRetry(int status, string fixture, GoogleApiError error, string fix)
    {
        await using var h = await Harness.StartAsync(Now);
        h.Fake.Intercept = _ => new FakeResponse(status, Fixture.Error(fixture));

        var ex = await Assert.ThrowsAsync<GoogleApiException>(() => Drain(h.Client(h.Options()), PartitionsQuery()));

        Assert.Equal(error, ex.Error);
        Assert.Equal(status, ex.Status);
        Assert.Contains(fix, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Single(h.Server.Requests);
        Assert.Empty(h.Retries);
    }

    [Fact]
    public async Task QueryAsync_429WithRetryAfter_HonoursTheHeaderDelay()
    {
        await using var h = await Harness.StartAsync(Now);
        AddRows(h.Fake, 1);
        var calls = 0;
        h.Fake.Intercept = r => ++calls switch
        {
            1 => new FakeResponse(429, Fixture.Error("error_429.json"), new Dictionary<string, string> { ["Retry-After"] = "7" }),
            2 => new FakeResponse(429, Fixture.Error("error_429.json"), new Dictionary<string, string> { ["Retry-After"] = "2" }),
            _ => null,
        };

        var rows = await Drain(h.Client(h.Options()), PartitionsQuery());

        Assert.Single(rows);
        Assert.Equal([(TimeSpan.FromSeconds(7), (int?)429), (TimeSpan.FromSeconds(2), (int?)429)], h.Retries);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(2)], h.Clock.Delays);
    }

    [Fact]
    public async Task QueryAsync_500ThenOk_RetriesWithBackoff()
    {
        await using var h = await Harness.StartAsync(Now);
        AddRows(h.Fake, 1);
        var calls = 0;
        h.Fake.Intercept = r => ++calls <= 2 ? new FakeResponse(500, Fixture.Error("error_500.json")) : null;

        var rows = await Drain(h.Client(h.Options()), PartitionsQuery());

        Assert.Single(rows);
        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)], h.Retries.Select(r => r.Delay));
    }

    [Fact]
    public async Task QueryAsync_500Always_UnavailableAfterRetries()
    {
        await using var h = await Harness.StartAsync(Now);
        h.Fake.Intercept = _ => new FakeResponse(500, Fixture.Error("error_500.json"));

        var ex = await Assert.ThrowsAsync<GoogleApiException>(() => Drain(h.Client(h.Options()), PartitionsQuery()));

        Assert.Equal(GoogleApiError.Unavailable, ex.Error);
        Assert.Equal(4, h.Server.Requests.Count); // 1 + MaxRetries 3
    }

    [Fact]
    public async Task QueryAsync_403RateLimitExceeded_Retried()
    {
        await using var h = await Harness.StartAsync(Now);
        AddRows(h.Fake, 1);
        var calls = 0;
        h.Fake.Intercept = r => ++calls == 1 ? FakeBigQuery.Error(403, "PERMISSION_DENIED", "Exceeded rate limits", "rateLimitExceeded") : null;

        var rows = await Drain(h.Client(h.Options()), PartitionsQuery());

        Assert.Single(rows);
        Assert.Single(h.Retries);
    }
}
