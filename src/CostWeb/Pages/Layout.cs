namespace Costs.CostWeb.Pages;

/// <summary>The frame of every page: language, title, the inline style sheet (nothing is fetched), header and main.</summary>
internal static class Layout
{
    private const string Style = """
        :root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bar: #2f6db5; --neg: #b35900; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); margin: 0; }
        header { background: #f6f8fa; border-bottom: 1px solid var(--line); padding: .6rem 1.5rem; }
        header a { color: var(--fg); text-decoration: none; font-weight: 600; }
        main { padding: 1rem 1.5rem 2rem; max-width: 1100px; }
        h1 { font-size: 1.5rem; margin: .4rem 0 .2rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
        p.meta { color: var(--muted); margin: 0 0 .8rem; }
        table { border-collapse: collapse; margin: .3rem 0 .8rem; }
        th, td { border-bottom: 1px solid var(--line); padding: .25rem .7rem; text-align: left; vertical-align: top; }
        th[scope=col] { border-bottom: 2px solid var(--line); }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num { white-space: nowrap; } th.num { max-width: 9rem; }
        td.name, th.name { overflow-wrap: break-word; max-width: 28rem; }
        .kpis { display: flex; gap: 2rem; flex-wrap: wrap; margin: .6rem 0; }
        .kpi { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; min-width: 10rem; }
        .kpi .label { color: var(--muted); font-size: .85rem; }
        .kpi .value { font-size: 1.3rem; font-variant-numeric: tabular-nums; }
        .splits { display: flex; column-gap: 2.5rem; flex-wrap: wrap; align-items: flex-start; }
        svg.chart { width: 100%; max-width: 960px; height: auto; border: 1px solid var(--line); border-radius: 6px; }
        svg .bar { fill: var(--bar); } svg .bar.neg { fill: var(--neg); }
        svg .grid { stroke: #eaeef2; } svg .axis { stroke: var(--muted); }
        svg .tick { font-size: 11px; fill: var(--muted); }
        details { margin: .4rem 0; } summary { cursor: pointer; color: var(--muted); }
        .empty { color: var(--muted); font-style: italic; }
        """;

    public static string Page(string title, Action<Html> body)
    {
        var html = new Html();
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Element("title", title + " · Costs")
            .Raw("<style>").Raw(Style).Raw("</style></head><body>")
            .Raw("<header><nav aria-label=\"Site\"><a href=\"/\">Costs: services</a></nav></header><main>");
        body(html);
        html.Raw("</main></body></html>\n");
        return html.ToString();
    }

    /// <summary>A table: a name (aria-label), column headers (scope col; a "num" class right-aligns) and rows whose first cell is a row header.</summary>
    public static void Table(Html html, string caption, IReadOnlyList<(string Header, bool Numeric)> columns, IEnumerable<Action<Html>> rows)
    {
        // The table's name for screen readers; the visible heading above says the same.
        html.Raw("<table aria-label=\"").Text(caption).Raw("\"><thead><tr>");
        foreach (var (header, numeric) in columns) html.Element("th", header, numeric ? "scope=\"col\" class=\"num\"" : "scope=\"col\"");
        html.Raw("</tr></thead><tbody>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            html.Raw("<tr>");
            row(html);
            html.Raw("</tr>");
        }
        if (!any) html.Raw($"<tr><td colspan=\"{columns.Count}\" class=\"empty\">None.</td></tr>");
        html.Raw("</tbody></table>");
    }

    /// <summary>A row header cell holding text.</summary>
    public static Html RowHeader(this Html html, string? text) => html.Element("th", text, "scope=\"row\" class=\"name\"");

    public static Html Cell(this Html html, string? text) => html.Element("td", text, "class=\"name\"");

    public static Html NumberCell(this Html html, string text) => html.Element("td", text, "class=\"num\"");
}
