using System.Text.Json;
using Costs.CostApplication;
using Costs.CostApplication.CostInsights;
using Costs.CostApplication.Stages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Costs.CostWeb.CostInsights;

/// <summary>
/// The backend of the Backstage Cost Insights plugin: one <c>GET /api/cost-insights/{method}</c> per
/// <c>CostInsightsApi</c> method, its arguments as query parameters, its answer in the plugin's JSON
/// shapes (see docs/backstage.md). Every figure comes from <see cref="CostInsightsQuery"/>.
/// A malformed or unknown parameter is a 400 with <c>{"error": "..."}</c> saying what was expected; a
/// store with no billing yet is a 404 for the billing date; a store not analyzed or not adding up is a 503.
/// </summary>
public static class CostInsightsEndpoints
{
    public const string Prefix = "/api/cost-insights";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static IEndpointRouteBuilder MapCostInsights(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(Prefix);
        api.MapGet("/last-complete-billing-date", c => AnswerAsync(c, [], async (q, _, ct) =>
            await q.LastCompleteBillingDateAsync(ct) ?? throw new NoBillingException()));
        api.MapGet("/user-groups", c => AnswerAsync(c, ["user"], async (q, p, ct) => await q.UserGroupsAsync(p.Required("user"), ct)));
        api.MapGet("/group-projects", c => AnswerAsync(c, ["group"], async (q, p, ct) => await q.GroupProjectsAsync(p.Required("group"), ct)));
        api.MapGet("/group-daily-cost", c => AnswerAsync(c, ["group", "intervals"], async (q, p, ct) =>
            await q.GroupDailyCostAsync(p.Required("group"), p.Intervals(), ct)));
        api.MapGet("/project-daily-cost", c => AnswerAsync(c, ["project", "intervals"], async (q, p, ct) =>
            await q.ProjectDailyCostAsync(p.Required("project"), p.Intervals(), ct)));
        api.MapGet("/catalog-entity-daily-cost", c => AnswerAsync(c, ["entity", "intervals"], async (q, p, ct) =>
            await q.CatalogEntityDailyCostAsync(EntityReference.Parse(p.Required("entity")), p.Intervals(), ct)));
        api.MapGet("/product-insights", c => AnswerAsync(c, ["product", "group", "intervals", "project"], async (q, p, ct) =>
            await q.ProductInsightsAsync(new ProductInsightsOptions(p.Required("product"), p.Required("group"), p.Intervals(), p.Optional("project")), ct)));
        api.MapGet("/alerts", c => AnswerAsync(c, ["group"], async (q, p, ct) => await q.AlertsAsync(p.Required("group"), ct)));
        return endpoints;
    }

    private static async Task AnswerAsync(HttpContext context, string[] allowed,
        Func<CostInsightsQuery, Parameters, CancellationToken, Task<object>> answer)
    {
        var ct = context.RequestAborted;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Costs.Web");
        CostInsightsQuery query;
        try
        {
            query = await context.RequestServices.GetRequiredService<CostsApp>().CostInsightsAsync(ct);
        }
        catch (StageException ex)
        {
            // The server's own configuration or store: not the caller's fault.
            WebLog.RequestFailed(logger, context.Request.Method, context.Request.Path, ex.Message);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, new ErrorBody(ex.Message));
            return;
        }
        try
        {
            var parameters = new Parameters(context.Request.Query, allowed);
            await WriteAsync(context, StatusCodes.Status200OK, await answer(query, parameters, ct));
        }
        catch (FormatException ex)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new ErrorBody(ex.Message));
        }
        catch (NoBillingException ex)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, new ErrorBody(ex.Message));
        }
        catch (StageException ex)
        {
            var status = ex.Kind switch
            {
                FailureKind.Configuration => StatusCodes.Status400BadRequest,
                FailureKind.Failure or FailureKind.Invariant or FailureKind.Busy => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            };
            if (status >= 500) WebLog.RequestFailed(logger, context.Request.Method, context.Request.Path, ex.Message);
            await WriteAsync(context, status, new ErrorBody(ex.Message));
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), Json, context.RequestAborted);
    }

    private sealed record ErrorBody([property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error);

    private sealed class NoBillingException() : Exception("The store holds no billing yet: load the billing export (costs ingest) first.");

    /// <summary>A request's query parameters: only the <c>allowed</c> ones, each at most once.</summary>
    private sealed class Parameters
    {
        private readonly IQueryCollection _query;

        public Parameters(IQueryCollection query, string[] allowed)
        {
            _query = query;
            var unknown = query.Keys.Where(k => !allowed.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
                throw new FormatException($"Unknown query parameter(s) {string.Join(", ", unknown)}; this method takes {(allowed.Length == 0 ? "none" : string.Join(", ", allowed))}.");
        }

        public string Required(string name) =>
            Optional(name) ?? throw new FormatException($"{name}: missing; give it as a query parameter (?{name}=...).");

        public string? Optional(string name)
        {
            var values = _query[name];
            if (values.Count > 1) throw new FormatException($"{name}: given {values.Count} times; give it once.");
            return string.IsNullOrEmpty(values.ToString()) ? null : values.ToString();
        }

        public RepeatingInterval Intervals() => RepeatingInterval.Parse(Optional("intervals"));
    }
}
