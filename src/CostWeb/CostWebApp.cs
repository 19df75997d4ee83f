using Costs.CostApplication;
using Costs.CostApplication.Settings;
using Costs.CostWeb.CostInsights;
using Costs.CostWeb.Health;
using Costs.CostWeb.Metrics;
using Costs.CostWeb.Pages;
using Costs.CostWeb.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Costs.CostWeb;

/// <summary>
/// Makes a <see cref="CostsApp"/> for one HTTP request: its settings, environment and store, as a `serve`
/// job gets them (a fresh context each time, so that a changed configuration or a rotated token is seen).
/// </summary>
public delegate CostsApp CostsAppFactory();

/// <summary>
/// The web part of `costs serve`: Kestrel on the configured address, the read-only and bearer-token
/// rules, and the endpoints. The host that runs it (with the Quartz scheduler beside it) calls
/// <see cref="AddCostWeb"/> on its builder and <see cref="UseCostWeb"/> on the built application.
/// </summary>
public static class CostWebApp
{
    /// <summary>Listens on <paramref name="http"/>'s address and port and registers a per-request <see cref="CostsApp"/>.</summary>
    public static WebApplicationBuilder AddCostWeb(this WebApplicationBuilder builder, HttpOptions http, CostsAppFactory apps)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(http);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(http.ListenAddress(), http.Port);
        });
        builder.Services.AddRoutingCore();
        // One application per request, disposed (its store closed) when the request ends.
        builder.Services.AddScoped(_ => apps());
        return builder;
    }

    /// <summary>The middleware (GET only, then the token) and every endpoint.</summary>
    public static WebApplication UseCostWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(ReadOnly.Middleware);
        app.Use(BearerToken.Middleware);
        app.UseRouting();
        MapEndpoints(app);
        return app;
    }

    /// <summary>
    /// Every endpoint the server answers: the one place where a group of endpoints is added (each group
    /// is a <c>MapXxx</c> extension in its own folder).
    /// </summary>
    public static IEndpointRouteBuilder MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealth();
        endpoints.MapCostInsights();
        endpoints.MapServicePages();
        endpoints.MapMetrics();
        return endpoints;
    }

    /// <summary>The addresses Kestrel listens on once started (with the port it picked for port 0).</summary>
    public static IReadOnlyList<string> Addresses(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    }
}
