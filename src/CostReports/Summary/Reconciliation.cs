using Costs.CostModel.Allocation;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Costs.CostReports.Workbook;

namespace Costs.CostReports.Summary;

/// <summary>
/// One invoice month: what the bill says against what the store attributed. <see cref="Difference"/> is
/// billed net − (allocated + unallocated + idle + overhead), exactly 0 when the store is consistent.
/// <see cref="FirstDay"/> to <see cref="LastDay"/> are the usage days the month holds; <see cref="RejectedRows"/>
/// counts the rows of the month that were rejected (in no figure of the line), and <see cref="RejectedAmount"/>
/// sums the amounts that could be read from them in the report's currency, so that a difference of 0.00
/// never hides a rejected row.
/// </summary>
public sealed record ReconciliationLine(
    InvoiceMonth InvoiceMonth, decimal BilledCost, decimal BilledCredits, decimal Allocated, decimal Unallocated,
    decimal Idle, decimal Overhead)
{
    public decimal BilledNet => BilledCost + BilledCredits;
    public decimal Attributed => Allocated + Unallocated + Idle + Overhead;
    public decimal Difference => BilledNet - Attributed;
    public DateOnly? FirstDay { get; init; }
    public DateOnly? LastDay { get; init; }
    public long RejectedRows { get; init; }
    public decimal RejectedAmount { get; init; }

    internal ReconciliationLine WithDay(DateOnly day) => this with
    {
        FirstDay = FirstDay is { } f && f <= day ? f : day,
        LastDay = LastDay is { } l && l >= day ? l : day,
    };
}

/// <summary>Reconciles the allocations with the bill, per invoice month, in exact decimals.</summary>
public static class Reconciliation
{
    public static IReadOnlyList<ReconciliationLine> Compute(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lines = new SortedDictionary<InvoiceMonth, ReconciliationLine>();
        ReconciliationLine Get(InvoiceMonth m) =>
            lines.TryGetValue(m, out var l) ? l : new ReconciliationLine(m, 0m, 0m, 0m, 0m, 0m, 0m);

        foreach (var b in input.Billed.Where(b => b.Currency == input.Currency))
        {
            var l = Get(b.InvoiceMonth).WithDay(b.Day);
            lines[b.InvoiceMonth] = l with { BilledCost = l.BilledCost + b.Cost, BilledCredits = l.BilledCredits + b.Credits };
        }
        foreach (var r in input.RowsInCurrency())
        {
            var l = Get(r.InvoiceMonth);
            lines[r.InvoiceMonth] = r.Kind switch
            {
                CostKind.Allocated => l with { Allocated = l.Allocated + r.Net },
                CostKind.Unallocated => l with { Unallocated = l.Unallocated + r.Net },
                CostKind.Idle => l with { Idle = l.Idle + r.Net },
                CostKind.Overhead => l with { Overhead = l.Overhead + r.Net },
                _ => throw new ArgumentOutOfRangeException(nameof(input), r.Kind, "Unknown cost kind."),
            };
        }
        foreach (var reject in input.Rejects)
        {
            if (reject.Facts.Month is not { } month) continue;
            var l = Get(month);
            if (reject.Facts.UsageDay is { } day) l = l.WithDay(day);
            var amount = reject.Facts.Money is { } m && m.Currency == input.Currency ? m.Amount : 0m;
            lines[month] = l with { RejectedRows = l.RejectedRows + 1, RejectedAmount = l.RejectedAmount + amount };
        }
        return lines.Values.ToList();
    }

    /// <summary>The rejected rows that no invoice month can hold: neither their month nor their usage day could be read.</summary>
    public static RejectedRows WithoutMonth(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RejectedRows.Of(input.Rejects.Where(r => r.Facts.Month is null));
    }
}
