using System.Text.Json;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostModel.Store;

/// <summary>
/// A <see cref="BillingLine"/> as billing_line holds it since migration 0015: its shape's id (see
/// <see cref="LineShapes"/>), money as nano-units, instants as Unix seconds (see <see cref="StoreValues"/>).
/// </summary>
internal static class BillingLineCodec
{
    /// <summary>The parameter names of insert_billing_line.sql, in the order of <see cref="ValuesAsync"/>.</summary>
    public static readonly string[] Parameters =
    [
        "@Id", "@LoadId", "@Shape", "@InvoiceMonth", "@UsageStart", "@UsageEnd", "@Cost", "@CreditTotal", "@CreditAmounts",
        "@UsageAmount", "@UsagePricingAmount", "@CostAtList", "@ConversionRate", "@ExportTime", "@SourceFile", "@SourceLine",
    ];

    /// <summary>The values of insert_billing_line.sql for <paramref name="l"/>, in the order of <see cref="Parameters"/>.</summary>
    public static async ValueTask<object[]> ValuesAsync(BillingLine l, long id, long loadId, long shape,
        StoreDictionary dictionary, CancellationToken ct) =>
    [
        id,
        loadId,
        shape,
        Month(l.InvoiceMonth),
        StoreValues.Instant(l.UsageStart),
        StoreValues.Instant(l.UsageEnd),
        StoreValues.Money(l.Cost),
        StoreValues.Money(l.CreditTotal),
        l.Credits.Count > 1 ? string.Join(' ', l.Credits.Select(c => StoreText.Decimal(c.Amount))) : DBNull.Value,
        StoreValues.Quantity(l.UsageAmount),
        StoreValues.Quantity(l.UsageAmountInPricingUnits),
        StoreValues.Money(l.CostAtList),
        StoreValues.Quantity(l.CurrencyConversionRate),
        StoreValues.Instant(l.ExportTime),
        await dictionary.IdAsync(l.Source?.File, ct),
        l.Source is { } s ? s.Line : DBNull.Value,
    ];

    /// <summary>An invoice month as stored: yyyymm.</summary>
    public static long Month(InvoiceMonth month) => month.Year * 100L + month.Month;

    public static InvoiceMonth Month(long yyyymm) => new((int)(yyyymm / 100), (int)(yyyymm % 100));

    /// <summary>The first line id of <paramref name="day"/>: a day's lines are ids [day &lt;&lt; 32, (day + 1) &lt;&lt; 32).</summary>
    public static long FirstId(DateOnly day) => (long)day.DayNumber << 32;

    /// <summary>The first line id after <paramref name="endExclusive"/>'s eve (the whole store for <see cref="DateOnly.MaxValue"/>).</summary>
    public static long EndId(DateOnly endExclusive) => endExclusive == DateOnly.MaxValue ? long.MaxValue : FirstId(endExclusive);
}

/// <summary>
/// Reads billing_line rows (select_billing_lines.sql) back into lines: each row's shape is read once
/// (<see cref="LineShapes"/>) and the line made from it with the row's amounts and instants, so lines that
/// share a shape share its label sets and texts.
/// </summary>
internal sealed class BillingLineReader(StoreDictionary dictionary, LineShapes shapes)
{
    /// <summary>The shape id of the current row, to skip a row without reading it.</summary>
    public static long ShapeId(RawStatement r) => r.Int64(0);

    /// <summary>The usage day number of the current row (its id &gt;&gt; 32).</summary>
    public static int DayNumber(RawStatement r) => (int)(r.Int64(15) >> 32);

    public async ValueTask<BillingLine> ReadAsync(RawStatement r, CancellationToken ct)
    {
        var shape = await shapes.ShapeAsync(ShapeId(r), ct);
        if (!r.IsNull(12)) await dictionary.LoadAsync(r.Int64(12), ct);
        return shape.Line with
        {
            InvoiceMonth = BillingLineCodec.Month(r.Int64(1)),
            UsageStart = StoreValues.ReadInstant(r, 2),
            UsageEnd = StoreValues.ReadInstant(r, 3),
            Cost = StoreValues.ReadMoney(r, 4),
            Credits = Credits(r, shape.Credits),
            UsageAmount = StoreValues.ReadQuantityOrNull(r, 7),
            UsageAmountInPricingUnits = StoreValues.ReadQuantityOrNull(r, 8),
            CostAtList = StoreValues.ReadMoneyOrNull(r, 9),
            CurrencyConversionRate = StoreValues.ReadQuantityOrNull(r, 10),
            ExportTime = StoreValues.ReadInstantOrNull(r, 11),
            Source = r.IsNull(12) ? null : new SourceRef(dictionary.Text(r.Int64(12)), r.IsNull(13) ? 0 : r.Int64(13)),
        };
    }

    private static IReadOnlyList<Credit> Credits(RawStatement r, StoredCreditShape[] shape)
    {
        // A row from before migration 0014: its credits JSON array, amounts included.
        if (!r.IsNull(14)) return StoreText.ParseCredits(r.Text(14));
        if (shape.Length == 0) return [];
        var amounts = shape.Length == 1
            ? [StoreValues.ReadMoney(r, 5)]
            : r.Text(6).Split(' ').Select(StoreText.ParseDecimal).ToArray();
        if (amounts.Length != shape.Length)
            throw new InvalidOperationException($"The store is damaged: a billing line has {shape.Length} credits and {amounts.Length} amounts.");
        var list = new Credit[shape.Length];
        for (var i = 0; i < shape.Length; i++)
            list[i] = new Credit(CreditType.Parse(shape[i].Type), amounts[i], shape[i].Name, shape[i].FullName, shape[i].Id);
        return list;
    }
}

/// <summary>A credit without its amount: what repeats from line to line, kept once in the dictionary.</summary>
internal sealed record StoredCreditShape(string Type, string? Name, string? FullName, string? Id);
