using Costs.CostModel.Allocation;
using Costs.CostModel.Time;
using Costs.CostReports.Workbook;

namespace Costs.CostReports.Summary;

/// <summary>
/// One invoice month: what the bill says against what the store attributed. <see cref="Difference"/> is
/// billed net − (allocated + unallocated + idle + overhead), exactly 0 when the store is consistent.
/// </summary>
public sealed record ReconciliationLine(
    InvoiceMonth InvoiceMonth, decimal BilledCost, decimal BilledCredits, decimal Allocated, decimal Unallocated,
    decimal Idle, decimal Overhead)
{
    public decimal BilledNet => BilledCost + BilledCredits;
    public decimal Attributed => Allocated + Unallocated + Idle + Overhead;
    public decimal Difference => BilledNet - Attributed;
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
            var l = Get(b.InvoiceMonth);
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
        return lines.Values.ToList();
    }
}
