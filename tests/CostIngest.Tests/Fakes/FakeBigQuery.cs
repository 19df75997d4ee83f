using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Costs.CostIngest.Tests.Fakes;

/// <summary>
/// One aggregated row of sql/bigquery/billing_lines.sql, as the fake export holds it, with the export
/// partition it sits in. The fake does not run SQL: it applies the two queries' filters (partition
/// range, usage days) to these rows and answers in the jobs.query / getQueryResults shapes.
/// </summary>
public sealed record FakeExportRow
{
    public required DateOnly PartitionDay { get; init; }
    /// <summary>Null for a row the export holds without usage_start_time.</summary>
    public required DateTimeOffset? UsageStart { get; init; }
    public required DateTimeOffset ExportTime { get; init; }
    public string Account { get; init; } = "01A2B3-C4D5E6-F7A8B9";
    public string InvoiceMonth { get; init; } = "202610";
    public string Currency { get; init; } = "USD";
    public string? ConversionRate { get; init; } = "1";
    public string? ProjectId { get; init; } = "acme-prod";
    public string? ProjectName { get; init; } = "Acme Prod";
    public string ServiceId { get; init; } = "6F81-5844-456A";
    public string ServiceDescription { get; init; } = "Compute Engine";
    public string SkuId { get; init; } = "CF4E-A0C7-E3BF";
    public string SkuDescription { get; init; } = "E2 Instance Core running in Americas";
    public string? Region { get; init; } = "us-central1";
    public string? ResourceName { get; init; }
    public string? ResourceGlobalName { get; init; }
    public IReadOnlyList<(string Key, string Value)> Labels { get; init; } = [];
    public IReadOnlyList<(string Key, string Value)> ProjectLabels { get; init; } = [];
    public string CostType { get; init; } = "regular";
    public string? ConsumptionModel { get; init; }
    public required string Cost { get; init; }
    public string? CostAtList { get; init; }
    public string? UsageAmount { get; init; } = "3600";
    public string? UsageUnit { get; init; } = "seconds";
    public string? UsagePricingAmount { get; init; } = "1";
    public string? UsagePricingUnit { get; init; } = "hour";
    public IReadOnlyList<(string Type, string Amount)> Credits { get; init; } = [];

    public DateOnly? UsageDay => UsageStart is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : null;
}

/// <summary>A query the fake received: its SQL, location and named parameters (scalars and arrays).</summary>
public sealed record ReceivedQuery(string Kind, string Sql, string? Location, JsonObject Body,
    IReadOnlyDictionary<string, string> Scalars, IReadOnlyDictionary<string, IReadOnlyList<string>> Arrays);

/// <summary>
/// A loopback BigQuery v2: <c>POST …/projects/{p}/queries</c>, <c>GET …/projects/{p}/queries/{jobId}</c> and
/// <c>GET …/projects/{p}/datasets/{d}</c> (datasets.get, answering <see cref="DatasetLocation"/>). A query sent
/// to another location than the dataset's fails as BigQuery fails it: 404, dataset not found in that location.
/// Pages results by <see cref="PageSize"/> and answers <c>jobComplete:false</c> <see cref="PollsBeforeComplete"/> times.
/// </summary>
public sealed partial class FakeBigQuery
{
    private readonly Dictionary<string, Job> _jobs = [];
    private readonly object _gate = new();
    private int _next;

    public List<FakeExportRow> Rows { get; } = [];
    public List<ReceivedQuery> Queries { get; } = [];
    public int PageSize { get; set; } = 1000;
    public int PollsBeforeComplete { get; set; }
    /// <summary>Where the export dataset is; the harnesses configure EU.</summary>
    public string DatasetLocation { get; set; } = "EU";
    /// <summary>The datasets.get calls received (their paths).</summary>
    public List<string> DatasetRequests { get; } = [];

    /// <summary>Answers instead of the fake when it returns non-null (errors, failed jobs).</summary>
    public Func<RecordedRequest, FakeResponse?>? Intercept { get; set; }

    [GeneratedRegex("^/bigquery/v2/projects/(?<p>[^/]+)/queries(?:/(?<job>[^/]+))?$")]
    private static partial Regex PathRegex();

    [GeneratedRegex("^/bigquery/v2/projects/(?<p>[^/]+)/datasets/(?<d>[^/]+)$")]
    private static partial Regex DatasetRegex();

    public FakeResponse Handle(RecordedRequest r)
    {
        lock (_gate)
        {
            if (Intercept?.Invoke(r) is { } intercepted) return intercepted;
            if (r.Method == "GET" && DatasetRegex().Match(r.Path) is { Success: true } ds) return Dataset(ds.Groups["p"].Value, ds.Groups["d"].Value, r);
            if (HandleLoad(r) is { } load) return load;
            var m = PathRegex().Match(r.Path);
            if (!m.Success) return Error(404, "NOT_FOUND", $"No such path {r.Path}", "notFound");
            if (r.Method == "POST" && !m.Groups["job"].Success) return Start(m.Groups["p"].Value, r);
            if (r.Method == "GET" && m.Groups["job"].Success) return Results(m.Groups["p"].Value, m.Groups["job"].Value, r);
            return Error(400, "INVALID_ARGUMENT", "Unsupported call", "invalid");
        }
    }

    public static FakeResponse Error(int code, string status, string message, string reason, IReadOnlyDictionary<string, string>? headers = null) =>
        new(code, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason }),
                ["status"] = status,
            },
        }.ToJsonString(), headers);

    private FakeResponse Dataset(string project, string dataset, RecordedRequest r)
    {
        DatasetRequests.Add(r.Path);
        return FakeResponse.Json(new JsonObject
        {
            ["kind"] = "bigquery#dataset",
            ["id"] = $"{project}:{dataset}",
            ["datasetReference"] = new JsonObject { ["datasetId"] = dataset, ["projectId"] = project },
            ["location"] = DatasetLocation,
            ["type"] = "DEFAULT",
        }.ToJsonString());
    }

    private FakeResponse Start(string project, RecordedRequest r)
    {
        var body = JsonNode.Parse(r.Body)!.AsObject();
        var sql = body["query"]!.GetValue<string>();
        var scalars = new Dictionary<string, string>(StringComparer.Ordinal);
        var arrays = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var p in body["queryParameters"]!.AsArray())
        {
            var name = p!["name"]!.GetValue<string>();
            var value = p["parameterValue"]!;
            if (p["parameterType"]!["type"]!.GetValue<string>() == "ARRAY")
                arrays[name] = value["arrayValues"]!.AsArray().Select(v => v!["value"]!.GetValue<string>()).ToList();
            else
                scalars[name] = value["value"]!.GetValue<string>();
        }
        var kind = sql.Contains("-- costs:partitions", StringComparison.Ordinal) ? "partitions"
            : sql.Contains("-- costs:billing_lines", StringComparison.Ordinal) ? "billing_lines" : "unknown";
        var location = body["location"]?.GetValue<string>();
        Queries.Add(new ReceivedQuery(kind, sql, location, body, scalars, arrays));
        if ((location ?? "US") != DatasetLocation)
            return Error(404, "NOT_FOUND", $"Not found: the dataset of project {project} was not found in location {location ?? "US"}", "notFound");

        var (schema, rows) = kind switch
        {
            "partitions" => Partitions(scalars),
            "billing_lines" => Lines(scalars, arrays),
            _ => throw new InvalidOperationException("Unknown query"),
        };
        var jobId = $"job_{++_next}";
        _jobs[jobId] = new Job(project, location ?? "US", schema, rows, PollsBeforeComplete);
        return Page(jobId, _jobs[jobId], 0, "bigquery#queryResponse");
    }

    private FakeResponse Results(string project, string jobId, RecordedRequest r)
    {
        if (!_jobs.TryGetValue(jobId, out var job) || job.Project != project)
            return Error(404, "NOT_FOUND", $"Not found: Job {project}:{jobId}", "notFound");
        if (!r.Query.TryGetValue("location", out var loc) || loc != job.Location)
            return Error(404, "NOT_FOUND", $"Not found: Job {project}:{jobId} in location {loc}", "notFound");
        var offset = r.Query.TryGetValue("pageToken", out var token) ? int.Parse(token[1..], CultureInfo.InvariantCulture) : 0;
        return Page(jobId, job, offset, "bigquery#getQueryResultsResponse");
    }

    private FakeResponse Page(string jobId, Job job, int offset, string kind)
    {
        var response = new JsonObject
        {
            ["kind"] = kind,
            ["jobReference"] = new JsonObject { ["projectId"] = job.Project, ["jobId"] = jobId, ["location"] = job.Location },
        };
        if (job.PollsLeft > 0)
        {
            job.PollsLeft--;
            response["jobComplete"] = false;
            return FakeResponse.Json(response.ToJsonString());
        }
        response["jobComplete"] = true;
        response["schema"] = new JsonObject { ["fields"] = job.Schema.DeepClone() };
        response["totalRows"] = job.Rows.Count.ToString(CultureInfo.InvariantCulture);
        var rows = new JsonArray();
        foreach (var row in job.Rows.Skip(offset).Take(PageSize)) rows.Add(row.DeepClone());
        if (rows.Count > 0) response["rows"] = rows;
        if (offset + PageSize < job.Rows.Count) response["pageToken"] = "p" + (offset + PageSize).ToString(CultureInfo.InvariantCulture);
        response["totalBytesProcessed"] = "1024";
        response["cacheHit"] = false;
        return FakeResponse.Json(response.ToJsonString());
    }

    private (JsonArray, List<JsonObject>) Partitions(Dictionary<string, string> p)
    {
        var start = DateOnly.Parse(p["partition_start"], CultureInfo.InvariantCulture);
        var end = DateOnly.Parse(p["partition_end"], CultureInfo.InvariantCulture);
        var rows = Rows.Where(r => r.PartitionDay >= start && r.PartitionDay < end)
            .GroupBy(r => r.PartitionDay).OrderBy(g => g.Key)
            .Select(g => Row(
                S(Day(g.Key)),
                S(Micros(g.Max(r => r.ExportTime))),
                Rep(g.Where(r => r.UsageDay is not null).Select(r => r.UsageDay!.Value).Distinct().Order().Select(d => S(Day(d)))),
                S(g.Count().ToString(CultureInfo.InvariantCulture)),
                S(g.Count(r => r.UsageStart is null).ToString(CultureInfo.InvariantCulture))))
            .ToList();
        var schema = new JsonArray(
            F("partition_day", "DATE"), F("max_export_time", "TIMESTAMP"),
            F("usage_days", "DATE", "REPEATED"), F("row_count", "INTEGER"), F("rows_without_usage_start", "INTEGER"));
        return (schema, rows);
    }

    private (JsonArray, List<JsonObject>) Lines(Dictionary<string, string> p, Dictionary<string, IReadOnlyList<string>> a)
    {
        var start = DateOnly.Parse(p["partition_start"], CultureInfo.InvariantCulture);
        var end = DateOnly.Parse(p["partition_end"], CultureInfo.InvariantCulture);
        var days = a["usage_days"].Select(d => DateOnly.Parse(d, CultureInfo.InvariantCulture)).ToHashSet();
        var keys = a["label_keys"].ToHashSet(StringComparer.Ordinal);
        var hour = p["granularity"] == "hour";
        var rows = Rows.Where(r => r.PartitionDay >= start && r.PartitionDay < end && r.UsageDay is { } d && days.Contains(d))
            .OrderBy(r => r.UsageStart).ThenBy(r => r.SkuId)
            .Select(r => Row(
                S(r.Account), S(Micros(r.UsageStart!.Value)), S(Micros(r.UsageStart!.Value.AddHours(hour ? 1 : 24))),
                S(r.InvoiceMonth), S(r.Currency), S(r.ConversionRate), S(r.ProjectId), S(r.ProjectName),
                S(r.ServiceId), S(r.ServiceDescription), S(r.SkuId), S(r.SkuDescription), S(r.Region),
                S(r.ResourceName), S(r.ResourceGlobalName),
                Rep(r.Labels.Where(l => keys.Contains(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => Rec(S(l.Key), S(l.Value)))),
                Rep(r.ProjectLabels.Where(l => keys.Contains(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => Rec(S(l.Key), S(l.Value)))),
                S(r.CostType), S(r.ConsumptionModel), S(r.Cost), S(r.CostAtList), S(r.UsageAmount), S(r.UsageUnit),
                S(r.UsagePricingAmount), S(r.UsagePricingUnit),
                Rep(r.Credits.Select(c => Rec(S(c.Type), S(c.Amount)))),
                S(Micros(r.ExportTime))))
            .ToList();
        var schema = new JsonArray(
            F("billing_account_id", "STRING"), F("usage_start", "TIMESTAMP"), F("usage_end", "TIMESTAMP"),
            F("invoice_month", "STRING"), F("currency", "STRING"), F("currency_conversion_rate", "NUMERIC"),
            F("project_id", "STRING"), F("project_name", "STRING"), F("service_id", "STRING"),
            F("service_description", "STRING"), F("sku_id", "STRING"), F("sku_description", "STRING"),
            F("region", "STRING"), F("resource_name", "STRING"), F("resource_global_name", "STRING"),
            F("labels", "RECORD", "REPEATED", F("key", "STRING"), F("value", "STRING")),
            F("project_labels", "RECORD", "REPEATED", F("key", "STRING"), F("value", "STRING")),
            F("cost_type", "STRING"), F("consumption_model_id", "STRING"), F("cost", "NUMERIC"),
            F("cost_at_list", "NUMERIC"), F("usage_amount", "NUMERIC"), F("usage_unit", "STRING"),
            F("usage_amount_in_pricing_units", "NUMERIC"), F("usage_pricing_unit", "STRING"),
            F("credits", "RECORD", "REPEATED", F("type", "STRING"), F("amount", "NUMERIC")),
            F("export_time", "TIMESTAMP"));
        return (schema, rows);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Micros(DateTimeOffset t) =>
        ((t - DateTimeOffset.UnixEpoch).Ticks / 10).ToString(CultureInfo.InvariantCulture);

    private static JsonObject F(string name, string type, string mode = "NULLABLE", params JsonObject[] fields)
    {
        var f = new JsonObject { ["name"] = name, ["type"] = type, ["mode"] = mode };
        if (fields.Length > 0) f["fields"] = new JsonArray(fields);
        return f;
    }

    /// <summary>A scalar cell: <c>{"v":"…"}</c> or <c>{"v":null}</c>.</summary>
    private static JsonObject S(string? v) => new() { ["v"] = v };

    /// <summary>A RECORD cell: <c>{"v":{"f":[…]}}</c>.</summary>
    private static JsonObject Rec(params JsonObject[] cells) => new() { ["v"] = Row(cells) };

    /// <summary>A REPEATED cell: <c>{"v":[{"v":…},…]}</c>.</summary>
    private static JsonObject Rep(IEnumerable<JsonObject> cells) => new() { ["v"] = new JsonArray(cells.Cast<JsonNode>().ToArray()) };

    private static JsonObject Row(params JsonObject[] cells) => new() { ["f"] = new JsonArray(cells.Cast<JsonNode>().ToArray()) };

    private sealed class Job(string project, string location, JsonArray schema, List<JsonObject> rows, int polls)
    {
        public string Project { get; } = project;
        public string Location { get; } = location;
        public JsonArray Schema { get; } = schema;
        public List<JsonObject> Rows { get; } = rows;
        public int PollsLeft { get; set; } = polls;
    }
}
