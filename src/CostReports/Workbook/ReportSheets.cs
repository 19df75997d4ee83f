using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Costs.CostReports.Summary;

namespace Costs.CostReports.Workbook;

/// <summary>Lays out the small sheets (everything but Daily's chart and Data) as grids.</summary>
internal static class ReportSheets
{
    public static SheetGrid Summary(ReportInput input, ReportFactsResult facts)
    {
        var p = facts.Periods;
        var grid = new SheetGrid { FrozenRows = 1 };
        grid.Title(input.Title);
        grid.Add("As of", GridCell.Date(input.AsOf));
        grid.Add("Currency", GridCell.Label(input.Currency.Code));
        grid.Blank();
        grid.Header("Figure", "Net", "From", "To");
        grid.Add(["Month to date", GridCell.Money(facts.MonthToDate), .. Period(p.MonthToDate)]);
        grid.Add(["Last month, same period", GridCell.Money(facts.LastMonthSamePeriod), .. Period(p.LastMonthSamePeriod)]);
        grid.Add("Change", GridCell.Money(facts.Change.Amount, bold: true), "vs last month, same period");
        grid.Add("Change %", Ratio(facts.Change.Ratio, bold: true), "vs last month, same period");
        grid.Add(["Last month, total", GridCell.Money(facts.LastMonthTotal), .. Period(p.LastMonth)]);
        grid.Add("Unallocated share", GridCell.Percent(facts.UnallocatedShare), "of net month to date");
        grid.Blank();
        Services(grid, "Top services (month to date)", facts.TopServices);
        grid.Blank();
        Services(grid, "Top movers (vs last month, same period)", facts.TopMovers);
        return grid;
    }

    private static void Services(SheetGrid grid, string heading, IReadOnlyList<ServiceFact> services)
    {
        grid.Header(heading, "Month to date", "Last month, same period", "Change", "Change %");
        if (services.Count == 0) grid.Add("(none)");
        foreach (var s in services)
            grid.Add(s.Service, GridCell.Money(s.MonthToDate), GridCell.Money(s.LastMonthSamePeriod),
                GridCell.Money(s.Change.Amount), Ratio(s.Change.Ratio));
    }

    private static GridCell Ratio(decimal? ratio, bool bold = false) =>
        ratio is null ? GridCell.Label("n/a", bold) : GridCell.Percent(ratio, bold);

    private static GridCell[] Period(DateRange range) => [GridCell.Date(range.Start), GridCell.Date(range.LastDay)];

    /// <summary>
    /// A breakdown sheet; with <paramref name="shared"/> (the Services sheet), a column of the net that came as shared
    /// costs (namespaces, labelled pods, idle or overhead charged to a team) and, when there are any, a column of
    /// the fixed monthly amounts, which are not on the bill and so not in Net.
    /// </summary>
    public static SheetGrid Breakdown(string itemHeader, IReadOnlyList<BreakdownLine> lines, bool shared = false)
    {
        var grid = new SheetGrid();
        var withFixed = shared && lines.Any(l => l.FixedNet != 0m);
        string[] extra = [.. shared ? new[] { "Of which shared" } : [], .. withFixed ? new[] { FixedHeader } : []];
        grid.Header([itemHeader, "Month to date", "Last month", "Cost", "Credits", "Net", .. extra, "Share of net"]);
        GridCell[] Extra(decimal sharedNet, decimal fixedNet, bool bold) =>
            [.. shared ? new[] { GridCell.Money(sharedNet, bold) } : [], .. withFixed ? new[] { GridCell.Money(fixedNet, bold) } : []];
        foreach (var l in lines)
            grid.Add([l.Name, GridCell.Money(l.MonthToDate), GridCell.Money(l.LastMonth), GridCell.Money(l.Cost),
                GridCell.Money(l.Credits), GridCell.Money(l.Net), .. Extra(l.SharedNet, l.FixedNet, false), GridCell.Percent(l.Share)]);
        var net = lines.Sum(l => l.Net);
        grid.Add([GridCell.Label("Total", bold: true), GridCell.Money(lines.Sum(l => l.MonthToDate), true),
            GridCell.Money(lines.Sum(l => l.LastMonth), true), GridCell.Money(lines.Sum(l => l.Cost), true),
            GridCell.Money(lines.Sum(l => l.Credits), true), GridCell.Money(net, true),
            .. Extra(lines.Sum(l => l.SharedNet), lines.Sum(l => l.FixedNet), true),
            GridCell.Percent(net == 0m ? null : 1m, true)]);
        return grid;
    }

    /// <summary>The Services sheet's column of fixed monthly amounts (not in Net: they are not on the bill).</summary>
    public const string FixedHeader = "Fixed amounts (not billed)";

    public static SheetGrid Clusters(IReadOnlyList<ClusterLine> lines)
    {
        var grid = new SheetGrid();
        grid.Header("Cluster", "Node pool", "Node", "Net (month to date)", "Allocated", "Idle", "Overhead", "Unallocated",
            "Idle share", "CPU used / requested", "RAM used / requested", "Requested, unused");
        if (lines.Count == 0) grid.Add("(no cluster costs this month: sample clusters with `costs collect`, or enable GKE cost allocation)");
        foreach (var l in lines)
            grid.Add(GridCell.Label(l.Cluster, bold: l.NodePool is null), l.NodePool ?? "(all pools)",
                l.Node ?? (l.NodePool is null ? "" : "(all nodes)"), GridCell.Money(l.Net, l.NodePool is null),
                GridCell.Money(l.Allocated), GridCell.Money(l.Idle), GridCell.Money(l.Overhead), GridCell.Money(l.Unallocated),
                GridCell.Percent(l.IdleShare), Efficiency(l.CpuEfficiency, l.NodePool), Efficiency(l.MemoryEfficiency, l.NodePool),
                l.NodePool is null ? GridCell.Money(l.UnusedNet) : GridCell.Empty);
        return grid;
    }

    private static GridCell Efficiency(decimal? ratio, string? pool) =>
        pool is not null ? GridCell.Empty : ratio is null ? GridCell.Label("n/a") : GridCell.Percent(ratio);

    public static SheetGrid Workloads(IReadOnlyList<WorkloadLine> lines)
    {
        var grid = new SheetGrid();
        grid.Header("Cluster", "Namespace", "Workload", "Service", "Team", "Environment", "Net (month to date)",
            "Requested, unused", "CPU requested (core-h)", "CPU used (core-h)", "CPU used / requested",
            "RAM requested (GiB-h)", "RAM used (GiB-h)", "RAM used / requested");
        if (lines.Count == 0) grid.Add("(no sampled workloads this month: see `costs collect`)");
        foreach (var l in lines)
            grid.Add(l.Cluster, l.Namespace, l.Workload ?? ReportLabels.NotSet, l.Service ?? ReportLabels.NotSet, l.Team ?? ReportLabels.NotSet,
                l.Environment ?? ReportLabels.NotSet, GridCell.Money(l.Net), GridCell.Money(l.UnusedNet),
                GridCell.Quantity(l.CpuRequestHours), GridCell.Quantity(l.CpuUsageHours), Ratio(l.CpuEfficiency),
                GridCell.Quantity(l.MemoryRequestGiBHours), GridCell.Quantity(l.MemoryUsageGiBHours), Ratio(l.MemoryEfficiency));
        return grid;
    }

    public static SheetGrid Unallocated(IReadOnlyList<UnallocatedLine> lines)
    {
        var grid = new SheetGrid();
        grid.Header("Project", "Cloud service", "SKU", "Why unallocated", "Month to date", "Net", "Share of unallocated");
        foreach (var l in lines)
            grid.Add(l.Project, l.CloudService, l.Sku, l.Why, GridCell.Money(l.MonthToDate), GridCell.Money(l.Net),
                GridCell.Percent(l.Share));
        if (lines.Count == 0) grid.Add("(no unallocated cost)");
        else
            grid.Add(GridCell.Label("Total", bold: true), GridCell.Empty, GridCell.Empty, GridCell.Empty,
                GridCell.Money(lines.Sum(l => l.MonthToDate), true), GridCell.Money(lines.Sum(l => l.Net), true));
        return grid;
    }

    public static SheetGrid Reconciliation(IReadOnlyList<ReconciliationLine> lines, RejectedRows withoutMonth, Currency currency)
    {
        var grid = new SheetGrid();
        grid.Header("Invoice month", "Billed cost", "Billed credits", "Billed net", "Allocated", "Unallocated", "Idle",
            "Overhead", "Difference", "Usage days", "Rejected rows", $"Rejected amount ({currency.Code}, readable)");
        foreach (var l in lines)
            grid.Add(l.InvoiceMonth.ToString(), GridCell.Money(l.BilledCost), GridCell.Money(l.BilledCredits),
                GridCell.Money(l.BilledNet), GridCell.Money(l.Allocated), GridCell.Money(l.Unallocated),
                GridCell.Money(l.Idle), GridCell.Money(l.Overhead), GridCell.Money(l.Difference, bold: true),
                DayRange(l.FirstDay, l.LastDay), GridCell.Count(l.RejectedRows), GridCell.Money(l.RejectedAmount, bold: l.RejectedRows > 0));
        if (withoutMonth.Count > 0)
            grid.Add("(no readable day)", GridCell.Empty, GridCell.Empty, GridCell.Empty, GridCell.Empty, GridCell.Empty,
                GridCell.Empty, GridCell.Empty, GridCell.Empty, GridCell.Empty, GridCell.Count(withoutMonth.Count),
                GridCell.Money(withoutMonth.AmountIn(currency), bold: true));
        if (lines.Count == 0 && withoutMonth.Count == 0) grid.Add("(nothing billed)");
        if (lines.Any(l => l.RejectedRows > 0) || withoutMonth.Count > 0)
        {
            grid.Add("");
            grid.Add(GridCell.Wrapped("Rejected rows are in no other figure: they could not be read, and are listed with file, line, field and "
                + "value in the store's reject table. Their amount is the cost each states, where it could be read."));
        }
        return grid;
    }

    private static string DayRange(DateOnly? first, DateOnly? last) =>
        first is { } f && last is { } l ? $"{MoneyText.Day(f)} to {MoneyText.Day(l)}" : "";

    public static SheetGrid Daily(DailyNet daily)
    {
        var grid = new SheetGrid();
        grid.Header(["Date", .. daily.Series.Select(s => GridCell.Label(s)), "Total"]);
        for (var d = 0; d < daily.Days.Count; d++)
            grid.Add([GridCell.Date(daily.Days[d]), .. daily.Net[d].Select(v => GridCell.Money(v)),
                GridCell.Money(daily.Totals[d], bold: true)]);
        return grid;
    }
}
