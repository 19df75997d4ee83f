using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Costs.CostIngest.Google;

namespace Costs.CostIngest.BigQuery;

/// <summary>
/// BigQuery v2 over REST: <c>POST {base}projects/{p}/queries</c> (jobs.query), then
/// <c>GET {base}projects/{p}/queries/{jobId}</c> (jobs.getQueryResults) while <c>jobComplete</c> is
/// false and while a <c>pageToken</c> remains. When <see cref="BigQueryOptions.Location"/> is not set, the
/// location is the export dataset's: <c>GET {base}projects/{p}/datasets/{d}</c> (datasets.get) → <c>location</c>,
/// read once per client.
/// </summary>
public sealed class BigQueryRestClient : IBigQueryClient
{
    private readonly GoogleHttp _http;
    private readonly BigQueryOptions _options;
    private readonly TimeProvider _clock;
    private string? _location;

    public BigQueryRestClient(HttpClient http, IAccessTokenSource tokens, BigQueryOptions options, TimeProvider clock,
        Action<TimeSpan, int?>? onRetry = null)
    {
        _options = options;
        _clock = clock;
        _http = new GoogleHttp(http, tokens, options.Retry, clock, info => Describe(info, options), onRetry);
    }

    public async IAsyncEnumerable<BqRecord> QueryAsync(BigQueryQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        var project = _options.JobProject;
        var started = _clock.GetTimestamp();
        var datasetLocation = await LocationAsync(ct);
        var body = QueryRequest(query, datasetLocation).ToJsonString();
        var queriesUri = new Uri(_options.BaseUri, $"projects/{Uri.EscapeDataString(project)}/queries");
        using var first = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, queriesUri)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, ct);

        var root = first.RootElement;
        var jobRef = Required(root, "jobReference", "jobs.query");
        var jobId = Required(jobRef, "jobId", "jobs.query jobReference").GetString()!;
        var location = jobRef.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : datasetLocation;

        var page = first;
        JsonDocument? owned = null;
        var rowNumber = 0L;
        try
        {
            while (true)
            {
                var r = page.RootElement;
                var complete = r.TryGetProperty("jobComplete", out var c) && c.ValueKind == JsonValueKind.True;
                string? token = null;
                if (complete)
                {
                    var schema = BqField.ParseFields(Required(Required(r, "schema", "query results"), "fields", "query results schema"));
                    if (r.TryGetProperty("rows", out var rows) && rows.ValueKind == JsonValueKind.Array)
                        foreach (var row in rows.EnumerateArray())
                            yield return new BqRecord(schema, row.Clone(), $"job {jobId} row {++rowNumber}");
                    token = r.TryGetProperty("pageToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    if (string.IsNullOrEmpty(token)) yield break;
                }
                else if (_clock.GetElapsedTime(started) > _options.QueryTimeout)
                {
                    throw new GoogleApiException(GoogleApiError.Unavailable, 0,
                        $"BigQuery job {jobId} did not finish within {_options.QueryTimeout} (BigQuery:QueryTimeout); raise it or narrow the run with --since.");
                }
                var uri = ResultsUri(project, jobId, location, token);
                owned?.Dispose();
                owned = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), ct);
                page = owned;
            }
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>The configured location, or the export dataset's (datasets.get), asked once.</summary>
    public async Task<string> LocationAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(_options.Location)) return _options.Location;
        if (_location is not null) return _location;
        var table = _options.ParsedTable;
        var uri = new Uri(_options.BaseUri, $"projects/{Uri.EscapeDataString(table.Project)}/datasets/{Uri.EscapeDataString(table.Dataset)}");
        using var dataset = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), ct);
        var location = Required(dataset.RootElement, "location", "datasets.get");
        if (location.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(location.GetString()))
            throw new GoogleApiException(GoogleApiError.BadResponse, 200, "BigQuery's datasets.get response has no location.");
        return _location = location.GetString()!;
    }

    private Uri ResultsUri(string project, string jobId, string location, string? pageToken)
    {
        var q = new StringBuilder()
            .Append("location=").Append(Uri.EscapeDataString(location))
            .Append("&timeoutMs=").Append((long)_options.PollTimeout.TotalMilliseconds)
            .Append("&maxResults=").Append(_options.PageSize)
            .Append("&formatOptions.useInt64Timestamp=true");
        if (!string.IsNullOrEmpty(pageToken)) q.Append("&pageToken=").Append(Uri.EscapeDataString(pageToken));
        return new Uri(_options.BaseUri, $"projects/{Uri.EscapeDataString(project)}/queries/{Uri.EscapeDataString(jobId)}?{q}");
    }

    private JsonObject QueryRequest(BigQueryQuery query, string location)
    {
        var parameters = new JsonArray();
        foreach (var p in query.Parameters) parameters.Add(p.ToJson());
        return new JsonObject
        {
            ["query"] = query.Sql,
            ["useLegacySql"] = false,
            ["parameterMode"] = "NAMED",
            ["queryParameters"] = parameters,
            ["location"] = location,
            ["timeoutMs"] = (long)_options.PollTimeout.TotalMilliseconds,
            ["maxResults"] = _options.PageSize,
            ["formatOptions"] = new JsonObject { ["useInt64Timestamp"] = true },
            // Makes a retried POST idempotent: BigQuery returns the same job for the same requestId.
            ["requestId"] = Guid.NewGuid().ToString(),
        };
    }

    private static JsonElement Required(JsonElement e, string name, string what) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v
            : throw new GoogleApiException(GoogleApiError.BadResponse, 200, $"BigQuery's {what} response has no '{name}'.");

    /// <summary>One line that says what to fix, per kind of failure.</summary>
    internal static string Describe(GoogleErrorInfo e, BigQueryOptions o)
    {
        var table = o.Table;
        var location = o.Location ?? "unset: read from the dataset";
        var project = string.IsNullOrWhiteSpace(o.BillingProject) ? "the table's project" : o.BillingProject;
        return e.Error switch
        {
            GoogleApiError.Unauthenticated =>
                $"BigQuery rejected the credentials (401: {e.Message}). Fix: run `gcloud auth application-default login`, set GOOGLE_APPLICATION_CREDENTIALS to a key file, or bind the pod's service account with Workload Identity.",
            GoogleApiError.PermissionDenied =>
                $"BigQuery denied access (403: {e.Message}). Fix: grant the service account BigQuery Job User (roles/bigquery.jobUser) on {project} and BigQuery Data Viewer (roles/bigquery.dataViewer) on the dataset of {table}.",
            GoogleApiError.NotFound =>
                $"BigQuery found no such table or project (404: {e.Message}). Fix: check BigQuery:Table ({table}), that the export is enabled, and BigQuery:Location ({location}).",
            GoogleApiError.WrongLocation =>
                $"BigQuery ran the job in the wrong location (400: {e.Message}). Fix: set BigQuery:Location to the dataset's location (was {location}).",
            GoogleApiError.BadRequest =>
                $"BigQuery rejected the query (400: {e.Message}). Fix: check BigQuery:Table ({table}) is a billing export table; set BigQuery:HasConsumptionModel to false for an old table without consumption_model.",
            GoogleApiError.Unavailable =>
                $"BigQuery is unavailable or rate-limited ({(e.Status == 0 ? "no response" : e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {e.Message}) after every retry. Try again later.",
            _ => $"BigQuery answered {e.Status}: {e.Message}",
        };
    }
}
