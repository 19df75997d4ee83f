using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Costs.CostIngest.Google;
using Costs.CostResilience;

namespace Costs.CostIngest.BigQuery;

/// <summary>A BigQuery table: project, dataset and table ids.</summary>
public sealed record BigQueryTable(string Project, string Dataset, string Table)
{
    public override string ToString() => $"{Project}.{Dataset}.{Table}";
}

/// <summary>
/// One day of rows to load into a day-partitioned table: the newline-delimited JSON, its schema, the DATE
/// column the table is partitioned by, and the job id (a fresh one per publish of the day; a retried
/// request with the same id is the same job).
/// </summary>
public sealed record PartitionLoad(BigQueryTable Table, DateOnly Day, string PartitionField, JsonArray SchemaFields,
    ReadOnlyMemory<byte> JsonLines, string JobId);

/// <summary>A finished load job: its id, location and the rows BigQuery says it wrote.</summary>
public sealed record LoadJobDone(string JobId, string? Location, long? OutputRows);

/// <summary>The seam where the allocation leaves for BigQuery; the loopback fake in the tests is its second implementation.</summary>
public interface IBigQueryLoader
{
    /// <summary>Replaces the day's partition with the rows, and returns when the load job is done.</summary>
    Task<LoadJobDone> ReplacePartitionAsync(PartitionLoad load, CancellationToken ct);
}

/// <summary>How the load client talks to BigQuery.</summary>
public sealed record BigQueryLoadSettings(Uri RootUri, string? Location, RetryOptions Retry, TimeSpan PollInterval, TimeSpan JobTimeout);

/// <summary>
/// BigQuery load jobs over REST: jobs.insert by multipart upload
/// (<c>POST {root}upload/bigquery/v2/projects/{p}/jobs?uploadType=multipart</c>, a <c>multipart/related</c> body
/// of the Job resource as JSON and the rows as newline-delimited JSON) into the partition decorator
/// <c>table$YYYYMMDD</c> with <c>writeDisposition: WRITE_TRUNCATE</c> and day <c>timePartitioning</c> on the
/// DATE column, then jobs.get (<c>GET {root}bigquery/v2/projects/{p}/jobs/{jobId}?location=…</c>) until the
/// job's <c>status.state</c> is DONE. A done job with <c>status.errorResult</c> failed: its reason, message and
/// first errors are the exception's message. HTTP calls go through the shared retry pipeline.
/// </summary>
public sealed class BigQueryLoadClient : IBigQueryLoader
{
    private readonly GoogleHttp _http;
    private readonly BigQueryLoadSettings _settings;
    private readonly TimeProvider _clock;

    public BigQueryLoadClient(HttpClient http, IAccessTokenSource tokens, BigQueryLoadSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _clock = clock;
        _http = new GoogleHttp(http, tokens, settings.Retry, clock, Describe);
    }

    public async Task<LoadJobDone> ReplacePartitionAsync(PartitionLoad load, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(load);
        var project = load.Table.Project;
        var insert = new Uri(_settings.RootUri, $"upload/bigquery/v2/projects/{Uri.EscapeDataString(project)}/jobs?uploadType=multipart");
        var metadata = JobResource(load, _settings.Location).ToJsonString();
        string? location = _settings.Location;
        try
        {
            using var job = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, insert) { Content = Multipart(metadata, load.JsonLines) }, ct);
            location = JobLocation(job.RootElement) ?? location;
            if (Done(job.RootElement, load.JobId) is { } done) return done;
        }
        catch (GoogleApiException ex) when (ex.Status == 409)
        {
            // A retried insert whose first attempt reached BigQuery: the job exists; follow it.
        }
        var started = _clock.GetTimestamp();
        while (true)
        {
            await Task.Delay(_settings.PollInterval, _clock, ct);
            var query = location is null ? "" : "?location=" + Uri.EscapeDataString(location);
            var get = new Uri(_settings.RootUri, $"bigquery/v2/projects/{Uri.EscapeDataString(project)}/jobs/{Uri.EscapeDataString(load.JobId)}{query}");
            using var job = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, get), ct);
            location = JobLocation(job.RootElement) ?? location;
            if (Done(job.RootElement, load.JobId) is { } done) return done;
            if (_clock.GetElapsedTime(started) > _settings.JobTimeout)
                throw new GoogleApiException(GoogleApiError.Unavailable, 0,
                    $"BigQuery load job {load.JobId} into {load.Table} was not done within {_settings.JobTimeout} (Publish:BigQuery:JobTimeout); the next run publishes the day again.");
        }
    }

    /// <summary>The Job resource of the load: destination partition, format, dispositions, partitioning and schema.</summary>
    public static JsonObject JobResource(PartitionLoad load, string? location)
    {
        ArgumentNullException.ThrowIfNull(load);
        var reference = new JsonObject { ["projectId"] = load.Table.Project, ["jobId"] = load.JobId };
        if (location is not null) reference["location"] = location;
        return new JsonObject
        {
            ["jobReference"] = reference,
            ["configuration"] = new JsonObject
            {
                ["load"] = new JsonObject
                {
                    ["destinationTable"] = new JsonObject
                    {
                        ["projectId"] = load.Table.Project,
                        ["datasetId"] = load.Table.Dataset,
                        ["tableId"] = load.Table.Table + "$" + load.Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                    },
                    ["sourceFormat"] = "NEWLINE_DELIMITED_JSON",
                    ["writeDisposition"] = "WRITE_TRUNCATE",
                    ["createDisposition"] = "CREATE_IF_NEEDED",
                    ["timePartitioning"] = new JsonObject { ["type"] = "DAY", ["field"] = load.PartitionField },
                    ["schema"] = new JsonObject { ["fields"] = load.SchemaFields.DeepClone() },
                    ["maxBadRecords"] = 0,
                },
            },
        };
    }

    private static MultipartContent Multipart(string metadata, ReadOnlyMemory<byte> rows)
    {
        var body = new MultipartContent("related", "costs_" + Guid.NewGuid().ToString("N"));
        body.Add(new StringContent(metadata, Encoding.UTF8, "application/json"));
        var data = new ReadOnlyMemoryContent(rows);
        data.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(data);
        return body;
    }

    private static string? JobLocation(JsonElement job) =>
        job.TryGetProperty("jobReference", out var r) && r.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.String
            ? l.GetString() : null;

    /// <summary>The job's outcome once its state is DONE: the rows written, or its errorResult as an exception.</summary>
    private static LoadJobDone? Done(JsonElement job, string jobId)
    {
        if (!job.TryGetProperty("status", out var status) || !status.TryGetProperty("state", out var state))
            throw new GoogleApiException(GoogleApiError.BadResponse, 200, $"BigQuery's answer for job {jobId} has no status.state.");
        if (state.GetString() != "DONE") return null;
        if (status.TryGetProperty("errorResult", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var errors = status.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Take(3).Select(Text).ToList() : [];
            throw new GoogleApiException(GoogleApiError.BadRequest, 200,
                $"BigQuery load job {jobId} failed: {Text(error)}" + (errors.Count > 1 ? "; first errors: " + string.Join("; ", errors) : "."));
        }
        long? rows = job.TryGetProperty("statistics", out var stats) && stats.TryGetProperty("load", out var l)
            && l.TryGetProperty("outputRows", out var o) && long.TryParse(o.GetString(), CultureInfo.InvariantCulture, out var n) ? n : null;
        return new LoadJobDone(jobId, JobLocation(job), rows);
    }

    /// <summary>An ErrorProto as one phrase: reason, message and where.</summary>
    private static string Text(JsonElement e)
    {
        string? Get(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var where = Get("location") is { Length: > 0 } l ? $" (at {l})" : "";
        return $"{Get("reason") ?? "error"}: {Get("message") ?? "no message"}{where}";
    }

    private static string Describe(GoogleErrorInfo e) => e.Error switch
    {
        GoogleApiError.Unauthenticated =>
            $"BigQuery rejected the credentials (401: {e.Message}). Fix: run `gcloud auth application-default login`, set GOOGLE_APPLICATION_CREDENTIALS, or bind the pod's service account with Workload Identity.",
        GoogleApiError.PermissionDenied =>
            $"BigQuery denied the load (403: {e.Message}). Fix: grant the service account BigQuery Job User on the project and BigQuery Data Editor on the Publish:BigQuery dataset.",
        GoogleApiError.NotFound =>
            $"BigQuery found no such project, dataset or job (404: {e.Message}). Fix: check Publish:BigQuery:Project and Dataset (the dataset must exist; the table is created on first load) and Location.",
        GoogleApiError.Unavailable =>
            $"BigQuery is unavailable or rate-limited ({e.Status}: {e.Message}) after every retry; the next run publishes the day again.",
        _ => $"BigQuery refused the load ({e.Status}: {e.Message}).",
    };
}
