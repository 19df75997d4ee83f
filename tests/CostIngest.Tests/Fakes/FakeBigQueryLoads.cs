using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Costs.CostIngest.Tests.Fakes;

/// <summary>A load job the fake received: its Job resource, the upload's content type, and the JSON rows it carried.</summary>
public sealed record ReceivedLoadJob(string Project, string JobId, JsonObject Metadata, string ContentType, IReadOnlyList<JsonObject> Rows)
{
    public JsonObject Load => Metadata["configuration"]!["load"]!.AsObject();
    public string DestinationTableId => Load["destinationTable"]!["tableId"]!.GetValue<string>();
    public string WriteDisposition => Load["writeDisposition"]?.GetValue<string>() ?? "WRITE_APPEND";
}

/// <summary>
/// Load jobs: jobs.insert by multipart upload (<c>POST /upload/bigquery/v2/projects/{p}/jobs?uploadType=multipart</c>,
/// a <c>multipart/related</c> body of the Job resource as JSON and the newline-delimited JSON rows) and jobs.get
/// (<c>GET /bigquery/v2/projects/{p}/jobs/{jobId}</c>). A load into <c>table$YYYYMMDD</c> writes that partition
/// of <see cref="Tables"/> when the job is done: WRITE_TRUNCATE replaces it, WRITE_APPEND adds to it. A row whose
/// partitioning column is not the decorator's day fails the job with an errorResult, as BigQuery does; a second
/// insert of a job id answers 409 duplicate. The job is RUNNING for <see cref="LoadPollsBeforeDone"/> jobs.get calls.
/// </summary>
public sealed partial class FakeBigQuery
{
    private readonly Dictionary<string, LoadState> _loads = [];

    /// <summary>Every load job received, in order.</summary>
    public List<ReceivedLoadJob> LoadJobs { get; } = [];

    /// <summary>The tables loads wrote: "project.dataset.table" → partition (YYYYMMDD) → rows.</summary>
    public Dictionary<string, SortedDictionary<string, List<JsonObject>>> Tables { get; } = [];

    /// <summary>How many jobs.get calls see a load job RUNNING before it is DONE.</summary>
    public int LoadPollsBeforeDone { get; set; }

    /// <summary>When it returns an ErrorProto for a job, the job ends DONE with that errorResult and writes nothing.</summary>
    public Func<ReceivedLoadJob, JsonObject?>? LoadError { get; set; }

    [GeneratedRegex("^/upload/bigquery/v2/projects/(?<p>[^/]+)/jobs$")]
    private static partial Regex UploadRegex();

    [GeneratedRegex("^/bigquery/v2/projects/(?<p>[^/]+)/jobs/(?<job>[^/]+)$")]
    private static partial Regex JobRegex();

    [GeneratedRegex("boundary=\"?(?<b>[^\";]+)\"?")]
    private static partial Regex BoundaryRegex();

    private FakeResponse? HandleLoad(RecordedRequest r)
    {
        if (r.Method == "POST" && UploadRegex().Match(r.Path) is { Success: true } up) return Insert(up.Groups["p"].Value, r);
        if (r.Method == "GET" && JobRegex().Match(r.Path) is { Success: true } get) return GetJob(get.Groups["p"].Value, get.Groups["job"].Value);
        return null;
    }

    private FakeResponse Insert(string project, RecordedRequest r)
    {
        if (!r.Query.TryGetValue("uploadType", out var type) || type != "multipart")
            return Error(400, "INVALID_ARGUMENT", "Upload requests need uploadType=multipart here", "invalid");
        if (r.ContentType is null || !r.ContentType.StartsWith("multipart/related", StringComparison.Ordinal))
            return Error(400, "INVALID_ARGUMENT", $"Expected multipart/related, got {r.ContentType}", "invalid");
        var parts = Parts(r.Body, BoundaryRegex().Match(r.ContentType).Groups["b"].Value);
        if (parts.Count != 2 || !parts[0].ContentType.StartsWith("application/json", StringComparison.Ordinal))
            return Error(400, "INVALID_ARGUMENT", "Expected two parts: the Job resource as JSON, then the data", "invalid");
        var metadata = JsonNode.Parse(parts[0].Body)!.AsObject();
        var jobId = metadata["jobReference"]?["jobId"]?.GetValue<string>() ?? $"job_{++_next}";
        if (_loads.ContainsKey(jobId))
            return Error(409, "ALREADY_EXISTS", $"Already Exists: Job {project}:{DatasetLocation}.{jobId}", "duplicate");
        var rows = parts[1].Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var job = new ReceivedLoadJob(project, jobId, metadata, r.ContentType, rows);
        LoadJobs.Add(job);
        _loads[jobId] = new LoadState(job, LoadPollsBeforeDone);
        return JobResponse(_loads[jobId]);
    }

    private FakeResponse GetJob(string project, string jobId)
    {
        if (!_loads.TryGetValue(jobId, out var state) || state.Job.Project != project)
            return Error(404, "NOT_FOUND", $"Not found: Job {project}:{jobId}", "notFound");
        if (state.PollsLeft > 0) state.PollsLeft--;
        return JobResponse(state);
    }

    private FakeResponse JobResponse(LoadState state)
    {
        var job = state.Job;
        var status = new JsonObject();
        if (state.PollsLeft > 0) status["state"] = "RUNNING";
        else
        {
            status["state"] = "DONE";
            if (Finish(state) is { } error)
            {
                status["errorResult"] = error;
                status["errors"] = new JsonArray(error.DeepClone());
            }
        }
        var response = new JsonObject
        {
            ["kind"] = "bigquery#job",
            ["id"] = $"{job.Project}:{DatasetLocation}.{job.JobId}",
            ["jobReference"] = new JsonObject { ["projectId"] = job.Project, ["jobId"] = job.JobId, ["location"] = DatasetLocation },
            ["configuration"] = job.Metadata["configuration"]!.DeepClone(),
            ["status"] = status,
        };
        if (status["state"]!.GetValue<string>() == "DONE" && status["errorResult"] is null)
            response["statistics"] = new JsonObject { ["load"] = new JsonObject { ["outputRows"] = job.Rows.Count.ToString(CultureInfo.InvariantCulture) } };
        return FakeResponse.Json(response.ToJsonString());
    }

    /// <summary>Writes the job's rows into its partition once (the first time it is seen done); returns its error, if any.</summary>
    private JsonObject? Finish(LoadState state)
    {
        if (state.Done) return state.Error;
        state.Done = true;
        var job = state.Job;
        var destination = job.Load["destinationTable"]!;
        var tableId = job.DestinationTableId;
        var dollar = tableId.IndexOf('$', StringComparison.Ordinal);
        var field = job.Load["timePartitioning"]?["field"]?.GetValue<string>();
        state.Error = LoadError?.Invoke(job);
        if (state.Error is null && (dollar < 0 || field is null))
            state.Error = ErrorProto("invalid", "This fake takes loads into a partition decorator of a column-partitioned table.");
        var partition = dollar < 0 ? "" : tableId[(dollar + 1)..];
        if (state.Error is null && job.Rows.FirstOrDefault(row => row[field!]?.GetValue<string>().Replace("-", "", StringComparison.Ordinal) != partition) is { } outside)
            state.Error = ErrorProto("invalid", $"Some rows belong to different partitions rather than destination partition {partition} ({field} = {outside[field!]})");
        if (state.Error is not null) return state.Error;
        var key = $"{destination["projectId"]}.{destination["datasetId"]}.{tableId[..dollar]}";
        if (!Tables.TryGetValue(key, out var table)) Tables[key] = table = new SortedDictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        if (job.WriteDisposition == "WRITE_TRUNCATE" || !table.ContainsKey(partition)) table[partition] = [];
        table[partition].AddRange(job.Rows.Select(row => row.DeepClone().AsObject()));
        return null;
    }

    private static JsonObject ErrorProto(string reason, string message) => new() { ["reason"] = reason, ["message"] = message };

    private static List<(string ContentType, string Body)> Parts(string body, string boundary)
    {
        var parts = new List<(string, string)>();
        foreach (var chunk in body.Split("--" + boundary).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal)) break;
            var split = chunk.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = chunk[..split];
            var content = chunk[(split + 4)..];
            if (content.EndsWith("\r\n", StringComparison.Ordinal)) content = content[..^2];
            var type = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?["Content-Type:".Length..].Trim() ?? "";
            parts.Add((type, content));
        }
        return parts;
    }

    private sealed class LoadState(ReceivedLoadJob job, int polls)
    {
        public ReceivedLoadJob Job { get; } = job;
        public int PollsLeft { get; set; } = polls;
        public bool Done { get; set; }
        public JsonObject? Error { get; set; }
    }
}
