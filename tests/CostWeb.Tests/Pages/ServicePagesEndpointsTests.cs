using System.Net;
using System.Text.RegularExpressions;
using Costs.CostModel.Allocation;
using Costs.CostModel.Time;
using Costs.CostWeb.Pages;

namespace Costs.CostWeb.Tests.Pages;

/// <summary>The index and the service pages over loopback HTTP, against what `costs query` gives for the same days.</summary>
public sealed class ServicePagesEndpointsTests
{
    private static readonly DateRange MonthToDate = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 21));

    private static Task<WebServer> StartAsync() => WebServer.StartAsync(seed: Seed.Rows(), efficiency: Seed.Efficiency());

    private static async Task<decimal> QueryNetAsync(WebServer server, string service)
    {
        await using var app = server.App();
        var result = await (await app.QueryAsync(CancellationToken.None)).RunAsync([GroupDimension.Service], MonthToDate, null, CancellationToken.None);
        return result.Groups.Single(g => g.Values[0] == service).Totals.Net;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(WebServer server, string path)
    {
        using var response = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Index_SeededStore_ListsEveryServiceWithQueryMonthToDate()
    {
        await using var server = await StartAsync();

        var (status, body) = await GetAsync(server, "/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"en\">", body, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\"", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/service?name=checkout\">checkout</a>", body, StringComparison.Ordinal);
        var checkout = await QueryNetAsync(server, "checkout");
        Assert.Equal(11m * 20m + 0.5m * 20m, checkout);
        Assert.Matches(new Regex(">checkout</a></th><td class=\"num\">" + Regex.Escape(Html.Money(checkout)) + "</td>"), body);
        // Unallocated and idle are lines of their own, not links.
        Assert.Contains("<th scope=\"row\" class=\"name\">(unallocated)</th>", body, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\" class=\"name\">(idle)</th>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_HostileServiceNames_ShownAsEncodedTextNeverMarkup()
    {
        await using var server = await StartAsync();

        var (_, body) = await GetAsync(server, "/");

        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(">&lt;script&gt;alert(1)&lt;/script&gt;</a>", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/service?name=%3Cscript%3Ealert%281%29%3C%2Fscript%3E\"", body, StringComparison.Ordinal);
        Assert.Contains(">=HYPERLINK(&quot;x&quot;)</a>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_Checkout_ShowsChartTablesAndQueryFigure()
    {
        await using var server = await StartAsync();

        var (status, body) = await GetAsync(server, "/service?name=checkout");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>checkout</h1>", body, StringComparison.Ordinal);
        Assert.Contains($"{Html.Money(await QueryNetAsync(server, "checkout"))} USD", body, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-labelledby=\"chart-title chart-desc\"", body, StringComparison.Ordinal);
        Assert.Contains("<title id=\"chart-title\">Net cost per day of checkout, USD</title>", body, StringComparison.Ordinal);
        // 81 days of data (the store's first day is 2026-09-01): 81 bars, 81 rows of the daily table.
        Assert.Equal(81, Regex.Matches(body, "<rect class=\"bar").Count);
        Assert.Contains("<th scope=\"row\" class=\"name\">2026-11-20</th><td class=\"num\">11.50</td>", body, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\" class=\"name\">2026-10-20</th><td class=\"num\">9.50</td>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_Checkout_SplitsMissingLabelsWorkloadsAgainstLastMonth()
    {
        await using var server = await StartAsync();

        var (_, body) = await GetAsync(server, "/service?name=checkout");

        // Team: payments 220.00 (20 days of 11) against 180.00 (20 days of 9); the untagged Cloud SQL line is "(not set)".
        Assert.Contains("<th scope=\"row\" class=\"name\">payments</th><td class=\"num\">220.00</td><td class=\"num\">180.00</td><td class=\"num\">&#x2B;22.2%</td>", body, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\" class=\"name\">(not set)</th><td class=\"num\">10.00</td>", body, StringComparison.Ordinal);
        Assert.Contains("missing labels: team: team|owner", body, StringComparison.Ordinal);
        // The project's unallocated egress, with the label it misses: 20 days of 1.25 this month, 81 days in all.
        Assert.Contains("<td class=\"name\">missing labels: service: app</td><td class=\"num\">25.00</td><td class=\"num\">101.25</td>", body, StringComparison.Ordinal);
        // Workload: 12 of 48 core-hours used, 3 of 4 GiB.
        Assert.Contains("<th scope=\"row\" class=\"name\">Deployment/checkout</th><td class=\"name\">prod-eu / shop</td><td class=\"num\">25.0%</td><td class=\"num\">75.0%</td>", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Seed.Script, "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData(Seed.Formula, "=HYPERLINK(&quot;x&quot;)")]
    public async Task Service_HostileName_PageShowsItAsText(string name, string encoded)
    {
        await using var server = await StartAsync();

        var (status, body) = await GetAsync(server, "/service?name=" + Uri.EscapeDataString(name));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"<h1>{encoded}</h1>", body, StringComparison.Ordinal);
        Assert.Contains($"<title id=\"chart-title\">Net cost per day of {encoded}, USD</title>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_Pages_ForbidScriptsByContentSecurityPolicy()
    {
        await using var server = await StartAsync();

        using var response = await server.Client.GetAsync(new Uri("/service?name=checkout", UriKind.Relative));

        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/service?name=nobody", HttpStatusCode.NotFound, "names the service &quot;nobody&quot;")]
    [InlineData("/service?name=%3Cb%3E", HttpStatusCode.NotFound, "names the service &quot;&lt;b&gt;&quot;")]
    [InlineData("/service", HttpStatusCode.BadRequest, "/service?name=NAME")]
    [InlineData("/?currency=EUR", HttpStatusCode.BadRequest, "No cost in EUR")]
    public async Task Service_BadRequest_ErrorPageSaysWhy(string path, HttpStatusCode expected, string text)
    {
        await using var server = await StartAsync();

        var (status, body) = await GetAsync(server, path);

        Assert.Equal(expected, status);
        Assert.Contains(text, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_EmptyStore_Answers503WithWhatToDo()
    {
        await using var server = await WebServer.StartAsync();

        var (status, body) = await GetAsync(server, "/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("holds no analyzed billing data", body, StringComparison.Ordinal);
    }
}
