using Costs.CostApplication.Pages;

namespace Costs.CostWeb.Pages;

/// <summary>
/// One service's page: the 90-day chart with its table, month to date against last month, the splits by
/// environment, cluster, SKU and team, the lines missing labels, its workloads' efficiency and its advice.
/// </summary>
internal static class ServiceView
{
    public static string Render(ServicePage page)
    {
        var p = page.Periods.Report;
        var cur = page.Currency;
        return Layout.Page(page.Service, html =>
        {
            html.Element("h1", page.Service);
            html.Element("p", $"Net cost in {cur}. Month to date: {Html.Day(p.MonthToDate.Start)} to {Html.Day(p.AsOf)} (the last billed day); " +
                $"compared with {Html.Day(p.LastMonthSamePeriod.Start)} to {Html.Day(p.LastMonthSamePeriod.LastDay)}.", "class=\"meta\"");
            html.Raw("<div class=\"kpis\">");
            IndexView.Kpi(html, "Month to date", $"{Html.Money(page.Net.MonthToDate)} {cur}");
            IndexView.Kpi(html, "Same days last month", $"{Html.Money(page.Net.LastMonthSameDays)} {cur}");
            IndexView.Kpi(html, "Change", Html.Change(page.Net.Change));
            IndexView.Kpi(html, "Last month", $"{Html.Money(page.Net.LastMonth)} {cur}");
            html.Raw("</div>");

            html.Element("h2", $"Net cost per day, last {PagePeriods.ChartDays} days", "id=\"daily\"");
            SvgChart.Write(html, page.Service, cur, page.Daily);
            html.Raw("<details><summary>Daily figures as a table</summary>");
            Layout.Table(html, "Net cost per day", [("Day", false), ($"Net ({cur})", true)],
                page.Daily.Select(d => (Action<Html>)(h => h.RowHeader(Html.Day(d.Day)).NumberCell(Html.Money(d.Net)))));
            html.Raw("</details>");

            html.Element("h2", "Month to date against last month", "id=\"splits\"");
            html.Raw("<div class=\"splits\">");
            Split(html, "Environment", page.ByEnvironment, cur);
            Split(html, "Cluster", page.ByCluster, cur);
            Split(html, "Team", page.ByTeam, cur);
            html.Raw("</div>");
            Split(html, "SKU", page.BySku, cur);

            html.Element("h2", "Lines missing labels", "id=\"labels\"");
            html.Element("p", "This service's own lines where a team or environment label was looked for and not found.", "class=\"meta\"");
            Missing(html, "This service's lines missing labels", page.MissingLabels, cur);
            html.Element("p", "Unallocated lines in the projects this service runs in, with the labels they miss: label them to charge them.", "class=\"meta\"");
            Missing(html, "Unallocated lines in this service's projects", page.UnallocatedNearby, cur);

            html.Element("h2", "Workloads: used ÷ requested, month to date", "id=\"workloads\"");
            Layout.Table(html, "Workload efficiency",
                [("Workload", false), ("Cluster / namespace", false), ("CPU used ÷ requested", true), ("Memory used ÷ requested", true),
                    ($"Net ({cur})", true), ("Paid for, unused", true)],
                page.Workloads.Select(w => (Action<Html>)(h => h.RowHeader(w.Workload ?? "(no workload)").Cell($"{w.Cluster} / {w.Namespace}")
                    .NumberCell(Html.Percent(w.CpuEfficiency)).NumberCell(Html.Percent(w.MemoryEfficiency))
                    .NumberCell(Html.Money(w.Net)).NumberCell(Html.Money(w.UnusedNet)))));

            html.Element("h2", "Recommendations", "id=\"recommendations\"");
            Layout.Table(html, "Recommendations",
                [("Workload", false), ("Change", false), ($"Saves a month ({cur})", true), ("Why", false)],
                page.Advice.Select(a => (Action<Html>)(h => h.RowHeader($"{a.Cluster} / {a.Namespace} / {a.Workload}").Cell(a.Action)
                    .NumberCell(Html.Money(a.MonthlySavings)).Cell(a.Reason))));
            if (page.AdviceNotes.Count > 0)
            {
                html.Raw("<ul class=\"meta\">");
                foreach (var note in page.AdviceNotes) html.Element("li", note);
                html.Raw("</ul>");
            }
        });
    }

    private static void Split(Html html, string what, IReadOnlyList<SplitLine> lines, string cur)
    {
        var lower = what == "SKU" ? what : what.ToLowerInvariant();
        html.Raw("<section>").Element("h3", "By " + lower);
        Layout.Table(html, $"Net cost by {lower}",
            [(what, false), ($"Month to date ({cur})", true), ("Same days last month", true), ("Change", true)],
            lines.Select(l => (Action<Html>)(h => h.RowHeader(l.Name ?? "(not set)").NumberCell(Html.Money(l.Net.MonthToDate))
                .NumberCell(Html.Money(l.Net.LastMonthSameDays)).NumberCell(Html.Change(l.Net.Change)))));
        html.Raw("</section>");
    }

    private static void Missing(Html html, string caption, IReadOnlyList<MissingLabelLine> lines, string cur) =>
        Layout.Table(html, caption,
            [("Project", false), ("Cloud service", false), ("SKU", false), ("Why", false), ($"Month to date ({cur})", true), ("Last 90 days", true)],
            lines.Select(l => (Action<Html>)(h => h.RowHeader(l.Project ?? "(no project)").Cell(l.CloudService).Cell(l.Sku).Cell(l.Why)
                .NumberCell(Html.Money(l.MonthToDate)).NumberCell(Html.Money(l.Net90Days)))));
}
