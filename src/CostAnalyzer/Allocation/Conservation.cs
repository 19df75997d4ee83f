using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostAnalyzer.Allocation;

/// <summary>One (day, currency, invoice month) whose shares do not add up to what was billed.</summary>
public sealed record ConservationBreach(DateOnly Day, Currency Currency, InvoiceMonth InvoiceMonth,
    decimal BilledCost, decimal BilledCredits, decimal SharedCost, decimal SharedCredits)
{
    public override string ToString() =>
        $"{Day:yyyy-MM-dd} {Currency} invoice {InvoiceMonth}: billed cost {BilledCost} credits {BilledCredits}, " +
        $"but allocated + idle + overhead + unallocated is cost {SharedCost} credits {SharedCredits}";
}

/// <summary>
/// The conservation invariant: for every day, currency and invoice month, allocated + idle + overhead
/// + unallocated = billed, for cost and for credits apart, exactly in decimal.
/// </summary>
public static class Conservation
{
    public static IReadOnlyList<ConservationBreach> Check(IEnumerable<AllocationRow> rows, IEnumerable<BilledDay> billed)
    {
        var shared = new Dictionary<(DateOnly, Currency, InvoiceMonth), (decimal Cost, decimal Credits)>();
        foreach (var r in rows)
        {
            var key = (r.Day, r.Currency, r.InvoiceMonth);
            shared.TryGetValue(key, out var s);
            shared[key] = (s.Cost + r.Cost, s.Credits + r.Credits);
        }
        var breaches = new List<ConservationBreach>();
        var seen = new HashSet<(DateOnly, Currency, InvoiceMonth)>();
        foreach (var b in billed)
        {
            var key = (b.Day, b.Currency, b.InvoiceMonth);
            seen.Add(key);
            shared.TryGetValue(key, out var s);
            if (s.Cost != b.Cost || s.Credits != b.Credits)
                breaches.Add(new ConservationBreach(b.Day, b.Currency, b.InvoiceMonth, b.Cost, b.Credits, s.Cost, s.Credits));
        }
        foreach (var (key, s) in shared)
        {
            if (seen.Contains(key) || (s.Cost == 0m && s.Credits == 0m)) continue;
            breaches.Add(new ConservationBreach(key.Item1, key.Item2, key.Item3, 0m, 0m, s.Cost, s.Credits));
        }
        return breaches.OrderBy(b => b.Day).ToList();
    }
}
