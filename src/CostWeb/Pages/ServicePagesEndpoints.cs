using Costs.CostApplication;
using Costs.CostApplication.Stages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Costs.CostWeb.Pages;

/// <summary>
/// <c>/</c>, the index of services, and <c>/service?name=NAME</c>, one service's page (a query parameter, so
/// that any label value, slashes included, names its page exactly). <c>?currency=EUR</c> picks the currency
/// when the store holds several.
/// </summary>
public static class ServicePagesEndpoints
{
    public static IEndpointRouteBuilder MapServicePages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", IndexAsync);
        endpoints.MapGet("/service", ServiceAsync);
        return endpoints;
    }

    private static async Task IndexAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        await PageAsync(context, async app => IndexView.Render(await (await app.ServicePagesAsync(ct)).IndexAsync(Currency(context), ct)));
    }

    private static async Task ServiceAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var name = context.Request.Query["name"].ToString();
        if (name.Length == 0)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, ErrorView("No service named", "Give the service as /service?name=NAME; the index links every one."));
            return;
        }
        await PageAsync(context, async app =>
            await (await app.ServicePagesAsync(ct)).PageAsync(name, Currency(context), ct) is { } page
                ? ServiceView.Render(page)
                : null,
            notFound: $"No cost in the last 90 days or last month names the service \"{name}\".");
    }

    private static string? Currency(HttpContext context) =>
        context.Request.Query["currency"].ToString() is { Length: > 0 } c ? c : null;

    /// <summary>Renders a page from the request's application; a use case's failure becomes an error page with its message.</summary>
    private static async Task PageAsync(HttpContext context, Func<CostsApp, Task<string?>> render, string notFound = "")
    {
        var app = context.RequestServices.GetRequiredService<CostsApp>();
        string? body;
        try
        {
            body = await render(app);
        }
        catch (StageException ex)
        {
            var status = ex.Kind switch
            {
                FailureKind.Configuration => StatusCodes.Status400BadRequest,
                FailureKind.Failure or FailureKind.Busy => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            };
            await WriteAsync(context, status, ErrorView("Cannot show this page", ex.Message));
            return;
        }
        if (body is null) await WriteAsync(context, StatusCodes.Status404NotFound, ErrorView("No such service", notFound));
        else await WriteAsync(context, StatusCodes.Status200OK, body);
    }

    private static string ErrorView(string title, string message) => Layout.Page(title, html =>
    {
        html.Element("h1", title);
        html.Element("p", message);
        html.Raw("<p><a href=\"/\">All services</a></p>");
    });

    private static Task WriteAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        // Nothing on these pages runs or loads from elsewhere: a label that slipped through encoding still could not.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
