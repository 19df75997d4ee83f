using System.Globalization;
using Costs.CostModel.Allocation;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Costs.CostReports.Email;

namespace Costs.CostWeb.Tests.Metrics;

/// <summary>/metrics over loopback HTTP, read by the text format's rules, against `costs query` for the month to date.</summary>
public sealed class MetricsEndpointTests
{
    private static readonly DateRange MonthToDate = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 21));

    private static async Task<(IReadOnlyList<Sample> Samples, HttpResponseMessage Response)> ScrapeAsync(WebServer server)
    {
        var response = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        return (PrometheusText.Parse(await response.Content.ReadAsStringAsync()), response);
    }

    [Theory]
    [InlineData(GroupDimension.Service, "costs_service_month_to_date_net", "service")]
    [InlineData(GroupDimension.Team, "costs_team_month_to_date_net", "team")]
    [InlineData(GroupDimension.Environment, "costs_environment_month_to_date_net", "environment")]
    [InlineData(GroupDimension.Cluster, "costs_cluster_month_to_date_net", "cluster")]
    public async Task Metrics_ByDimension_EqualQueryForTheMonthToDate(GroupDimension dimension, string metric, string label)
    {
        await using var server = await WebServer.StartAsync(seed: Seed.Rows(), efficiency: Seed.Efficiency());

        var (samples, response) = await ScrapeAsync(server);
        await using var app = server.App();
        var query = await (await app.QueryAsync(CancellationToken.None)).RunAsync([dimension], MonthToDate, null, CancellationToken.None);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var mine = samples.Where(s => s.Name == metric).ToList();
        Assert.Equal(query.Groups.Count, mine.Count);
        foreach (var g in query.Groups)
        {
            var sample = mine.Single(s => s.Labels[label] == (g.Values[0] ?? "") && s.Labels["currency"] == "USD");
            Assert.Equal(g.Totals.Net, (decimal)sample.Value);
        }
        Assert.Equal(query.Total.Net, (decimal)samples.Single(s => s.Name == "costs_month_to_date_net").Value);
    }

    [Fact]
    public async Task Metrics_HostileServiceNames_EscapedAsLabelValues()
    {
        await using var server = await WebServer.StartAsync(seed: Seed.Rows());

        var (samples, _) = await ScrapeAsync(server);

        var services = samples.Where(s => s.Name == "costs_service_month_to_date_net").ToDictionary(s => s.Labels["service"], s => (decimal)s.Value);
        Assert.Equal(40m, services[Seed.Script]);
        Assert.Equal(60m, services[Seed.Formula]);
    }

    [Fact]
    public async Task Metrics_IdleShare_IdleOverClusterNet()
    {
        await using var server = await WebServer.StartAsync(seed: Seed.Rows());

        var (samples, _) = await ScrapeAsync(server);

        // prod-eu, 20 days: checkout 11.00 and idle 0.75 a day; idle 15.00 of 235.00.
        var expected = (double)(15m / 235m);
        Assert.Equal(expected, samples.Single(s => s.Name == "costs_idle_ratio").Value, 12);
        Assert.Equal(expected, samples.Single(s => s.Name == "costs_cluster_idle_ratio" && s.Labels["cluster"] == "prod-eu").Value, 12);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(),
            samples.Single(s => s.Name == "costs_last_billed_day_timestamp_seconds").Value);
    }

    [Fact]
    public async Task Metrics_StageRecords_LastSuccessTimes()
    {
        await using var server = await WebServer.StartAsync(seed: Seed.Rows());
        var loadedAt = new DateTimeOffset(2026, 11, 20, 7, 5, 30, TimeSpan.Zero);
        var mailedAt = new DateTimeOffset(2026, 11, 20, 6, 30, 0, TimeSpan.Zero);
        await using (var store = await CostStore.OpenAsync(server.StorePath, new FixedClock(loadedAt), CancellationToken.None))
        {
            await using var load = await store.BeginBillingLoadAsync(["export.jsonl"], CancellationToken.None);
            await load.CommitAsync(CancellationToken.None);
        }
        await using (var store = await CostStore.OpenAsync(server.StorePath, new FixedClock(mailedAt), CancellationToken.None))
        {
            Assert.True(await store.Deliveries.TryClaimAsync("report/2026-11-20", ReportMailing.Channel, CancellationToken.None));
            await store.Deliveries.MarkSentAsync("report/2026-11-20", ReportMailing.Channel, "250 OK", CancellationToken.None);
            Assert.True(await store.Deliveries.TryClaimAsync("alert/x", "slack", CancellationToken.None));
            await store.Deliveries.MarkFailedAsync("alert/x", "slack", "500", CancellationToken.None);
        }

        var (samples, _) = await ScrapeAsync(server);

        var stages = samples.Where(s => s.Name == "costs_stage_last_success_timestamp_seconds")
            .ToDictionary(s => s.Labels["stage"], s => s.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(new Dictionary<string, string>
        {
            ["ingest"] = loadedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["report"] = mailedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }, stages);
    }

    [Fact]
    public async Task Metrics_EmptyStore_ValidExpositionWithoutFigures()
    {
        await using var server = await WebServer.StartAsync();

        var (samples, response) = await ScrapeAsync(server);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Empty(samples);
    }

    [Theory]
    [InlineData("x 1\n", 1)]
    [InlineData("x{a=\"q\\\"\\\\\\n\"} 2.5 1700000000000\n", 1)]
    public void Parse_ValidLines_Read(string text, int count)
    {
        Assert.Equal(count, PrometheusText.Parse(text).Count);
    }

    [Theory]
    [InlineData("x 1")]
    [InlineData("1x 1\n")]
    [InlineData("x{__a=\"1\"} 1\n")]
    [InlineData("x{a=1} 1\n")]
    [InlineData("x{a=\"\\t\"} 1\n")]
    [InlineData("x 1\nx 2\n")]
    [InlineData("x 1\ny 1\nx{a=\"b\"} 1\n")]
    [InlineData("x 1\n# TYPE x gauge\n")]
    [InlineData("x one\n")]
    public void Parse_BrokenExposition_Throws(string text)
    {
        Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
    }
}
