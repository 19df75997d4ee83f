using Costs.CostApplication;
using Costs.CostApplication.Stages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Costs.CostWeb.Health;

/// <summary>
/// The Deployment's probes, open without a token: <c>/healthz</c> (the process answers) and <c>/readyz</c>
/// (the store opens and carries every migration; opening it applies any that are missing).
/// </summary>
public static class HealthEndpoints
{
    public const string Health = "/healthz";
    public const string Ready = "/readyz";

    public static bool IsProbe(PathString path) => path.Equals(Health, StringComparison.Ordinal) || path.Equals(Ready, StringComparison.Ordinal);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Health, (HttpContext context) => PlainAsync(context, StatusCodes.Status200OK, "ok"));
        endpoints.MapGet(Ready, ReadyAsync);
        return endpoints;
    }

    private static async Task ReadyAsync(HttpContext context)
    {
        var app = context.RequestServices.GetRequiredService<CostsApp>();
        try
        {
            await app.StoreAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is StageException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The reason (a path, a migration's error) goes to the log, not to whoever can reach the probe.
            WebLog.NotReady(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Costs.Web"), ex.Message);
            await PlainAsync(context, StatusCodes.Status503ServiceUnavailable, "not ready: the store cannot be opened (see the log)");
            return;
        }
        await PlainAsync(context, StatusCodes.Status200OK, "ready");
    }

    private static Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }
}
