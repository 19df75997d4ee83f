using Costs.CostApplication.Pages;

namespace Costs.CostWeb.Pages;

/// <summary>The index: every service with its net month to date, last month and the change, each linked to its page.</summary>
internal static class IndexView
{
    public static string Render(ServiceIndex index)
    {
        var p = index.Periods.Report;
        return Layout.Page("Services", html =>
        {
            html.Element("h1", "Services");
            html.Element("p", $"Net cost in {index.Currency}, month to date {Html.Day(p.MonthToDate.Start)} to {Html.Day(p.AsOf)} " +
                $"(the last billed day), against the same days of last month ({Html.Day(p.LastMonthSamePeriod.Start)} to " +
                $"{Html.Day(p.LastMonthSamePeriod.LastDay)}) and the whole of last month.", "class=\"meta\"");
            html.Raw("<div class=\"kpis\">");
            Kpi(html, "Month to date", $"{Html.Money(index.Total.MonthToDate)} {index.Currency}");
            Kpi(html, "Same days last month", $"{Html.Money(index.Total.LastMonthSameDays)} {index.Currency}");
            Kpi(html, "Change", Html.Change(index.Total.Change));
            Kpi(html, "Last month", $"{Html.Money(index.Total.LastMonth)} {index.Currency}");
            html.Raw("</div>");
            html.Element("h2", "By service", "id=\"services\"");
            Layout.Table(html, "Net cost by service",
                [("Service", false), ($"Month to date ({index.Currency})", true), ("Same days last month", true), ("Change", true), ("Last month", true)],
                index.Services.Select(s => (Action<Html>)(h =>
                {
                    h.Raw("<th scope=\"row\" class=\"name\">");
                    if (s.IsService) h.Link("/service?name=" + Html.Url(s.Name), s.Name);
                    else h.Text(s.Name);
                    h.Raw("</th>");
                    h.NumberCell(Html.Money(s.Net.MonthToDate)).NumberCell(Html.Money(s.Net.LastMonthSameDays))
                        .NumberCell(Html.Change(s.Net.Change)).NumberCell(Html.Money(s.Net.LastMonth));
                })));
            html.Element("p", "The lines add up to the bill: unallocated, idle and shared overhead cost are lines of their own. " +
                "Prometheus metrics: /metrics.", "class=\"meta\"");
        });
    }

    internal static void Kpi(Html html, string label, string value) =>
        html.Raw("<div class=\"kpi\">").Element("div", label, "class=\"label\"").Element("div", value, "class=\"value\"").Raw("</div>");
}
