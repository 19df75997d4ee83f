using Costs.CostApplication;
using Costs.CostApplication.Metrics;
using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Costs.CostWeb.Metrics;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format (prometheus-net): each scrape builds a fresh registry from
/// the <see cref="CostMetrics"/> use case, so a service that left the month leaves the output too. Money is
/// exact decimal up to here; the exposition format carries float64, converted once, at this edge.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    private static readonly IReadOnlyDictionary<GroupDimension, (string Name, string Label)> Names = new Dictionary<GroupDimension, (string, string)>
    {
        [GroupDimension.Service] = ("costs_service_month_to_date_net", "service"),
        [GroupDimension.Team] = ("costs_team_month_to_date_net", "team"),
        [GroupDimension.Environment] = ("costs_environment_month_to_date_net", "environment"),
        [GroupDimension.Cluster] = ("costs_cluster_month_to_date_net", "cluster"),
    };

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ScrapeAsync);
        return endpoints;
    }

    private static async Task ScrapeAsync(HttpContext context)
    {
        var app = context.RequestServices.GetRequiredService<CostsApp>();
        MetricsSnapshot snapshot;
        try
        {
            snapshot = await (await app.MetricsAsync(context.RequestAborted)).RunAsync(context.RequestAborted);
        }
        catch (StageException ex)
        {
            // A failed scrape is Prometheus' `up == 0` with the reason in the body, not a silently empty page.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(ex.Message + "\n", context.RequestAborted);
            return;
        }
        var registry = Registry(snapshot);
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>The snapshot as gauges in a registry of their own.</summary>
    internal static CollectorRegistry Registry(MetricsSnapshot snapshot)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var help = "Net cost (cost + credits) of the current month to date, as of the last billed day, in the billing currency, by ";
        foreach (var dimension in CostMetrics.Dimensions)
        {
            var (name, label) = Names[dimension];
            var gauge = factory.CreateGauge(name, help + label + " (as `costs query --by " + dimension.ToText() + "`).", label, "currency");
            foreach (var c in snapshot.Currencies)
                foreach (var g in c.Groups[dimension])
                    gauge.WithLabels(g.Values[0] ?? "", c.Currency).Set((double)g.Totals.Net);
        }
        var total = factory.CreateGauge("costs_month_to_date_net", "Net cost of the current month to date, as of the last billed day: the bill's.", "currency");
        var idle = factory.CreateGauge("costs_idle_ratio", "Idle share of cluster cost, month to date: idle net ÷ the net of every cluster.", "currency");
        var clusterIdle = factory.CreateGauge("costs_cluster_idle_ratio", "Idle share of a cluster's cost, month to date: idle net ÷ its net.", "cluster", "currency");
        foreach (var c in snapshot.Currencies)
        {
            total.WithLabels(c.Currency).Set((double)c.Total.Net);
            if (c.IdleShare is { } share) idle.WithLabels(c.Currency).Set((double)share);
            foreach (var cluster in c.Clusters)
                if (cluster.IdleShare is { } s) clusterIdle.WithLabels(cluster.Cluster, c.Currency).Set((double)s);
        }
        // A gauge without labels is always exported: made only when there is a day to show, never a false 0.
        if (snapshot.AsOf is { } day)
            factory.CreateGauge("costs_last_billed_day_timestamp_seconds", "The last billed day (its start, UTC) that the month-to-date figures run through.").Set(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds());
        var stages = factory.CreateGauge("costs_stage_last_success_timestamp_seconds",
            "When each stage last left a record of success in the store (ingest: a committed load; collect: a sample; prices; report: an e-mail sent; alert: an alert sent).", "stage");
        foreach (var s in snapshot.Stages)
            if (s.At is { } at) stages.WithLabels(s.Stage).Set(at.ToUnixTimeMilliseconds() / 1000d);
        return registry;
    }
}
