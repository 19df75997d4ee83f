using SQLitePCL;

namespace Costs.CostModel.Store;

/// <summary>
/// The compact storage of values in billing_line (migration 0014): an INTEGER where it holds the value
/// exactly, else the exact TEXT of <see cref="StoreText"/>. A reader takes whichever storage class it
/// finds, so rows written as text (before the migration, or out of the integer range) read as before.
/// </summary>
internal static class StoreValues
{
    /// <summary>Money as INTEGER nano-units only below this (int64 holds ±9.22 × 10^18 nano-units).</summary>
    private const decimal NanoLimit = 9_000_000_000m;

    private const decimal NanosPerUnit = 1_000_000_000m;

    /// <summary>Money: INTEGER nano-units when the amount is a whole number of them, else TEXT.</summary>
    public static object Money(decimal amount)
    {
        if (amount > -NanoLimit && amount < NanoLimit)
        {
            var scaled = amount * NanosPerUnit;
            var whole = decimal.Truncate(scaled);
            if (whole == scaled) return (long)whole;
        }
        return StoreText.Decimal(amount);
    }

    public static object Money(decimal? amount) => amount is { } a ? Money(a) : DBNull.Value;

    /// <summary>A quantity (usage, a rate): INTEGER when it is a whole number in int64, else TEXT.</summary>
    public static object Quantity(decimal? quantity)
    {
        if (quantity is not { } q) return DBNull.Value;
        if (q >= long.MinValue && q <= long.MaxValue && decimal.Truncate(q) == q) return (long)q;
        return StoreText.Decimal(q);
    }

    /// <summary>An instant: INTEGER Unix seconds when it falls on a whole second, else TEXT (ISO 8601, UTC).</summary>
    public static object Instant(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.Ticks % TimeSpan.TicksPerSecond == 0 ? utc.ToUnixTimeSeconds() : StoreText.Instant(utc);
    }

    public static object Instant(DateTimeOffset? instant) => instant is { } i ? Instant(i) : DBNull.Value;

    public static decimal ReadMoney(RawStatement row, int column) =>
        row.IsInteger(column) ? FromNanos(row.Int64(column)) : StoreText.ParseDecimal(row.Text(column));

    public static decimal? ReadMoneyOrNull(RawStatement row, int column) =>
        row.IsNull(column) ? null : ReadMoney(row, column);

    public static decimal? ReadQuantityOrNull(RawStatement row, int column) => row.Type(column) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_INTEGER => row.Int64(column),
        _ => row.ParseDecimal(column),
    };

    public static DateTimeOffset ReadInstant(RawStatement row, int column) =>
        row.IsInteger(column) ? DateTimeOffset.FromUnixTimeSeconds(row.Int64(column)) : StoreText.ParseInstant(row.Text(column));

    public static DateTimeOffset? ReadInstantOrNull(RawStatement row, int column) =>
        row.IsNull(column) ? null : ReadInstant(row, column);

    /// <summary>Mantissas below this (2^58) in absolute value fit <see cref="Exact(decimal)"/>'s INTEGER with the scale.</summary>
    private const ulong ExactMantissaLimit = 1UL << 58;

    /// <summary>
    /// A decimal kept exactly, its scale included (33.382080 stays 33.382080, not 33.38208): INTEGER
    /// mantissa × 32 + scale when the mantissa is below 2^58 in absolute value, else the exact TEXT. Allocation
    /// rows are stored so (migration 0018): their sums keep the scale their outputs print.
    /// </summary>
    public static object Exact(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = (ulong)(uint)bits[1] << 32 | (uint)bits[0];
        var negative = bits[3] < 0;
        // A negative zero keeps its text, which reads back as the text did before 0018.
        if (bits[2] != 0 || mantissa >= ExactMantissaLimit || (negative && mantissa == 0)) return StoreText.Decimal(value);
        var scale = (bits[3] >> 16) & 0xFF;
        var signed = negative ? -(long)mantissa : (long)mantissa;
        return signed * 32 + scale;
    }

    /// <summary>Reads what <see cref="Exact(decimal)"/> stored: the INTEGER form or the exact text.</summary>
    public static decimal ReadExact(RawStatement row, int column) =>
        row.IsInteger(column) ? FromExact(row.Int64(column)) : StoreText.ParseDecimal(row.Text(column));

    /// <summary>The decimal of an INTEGER written by <see cref="Exact(decimal)"/>.</summary>
    public static decimal FromExact(long stored)
    {
        var scale = (byte)(stored & 31);
        var signed = stored >> 5;
        if (scale > 28) throw new InvalidDataException($"The store is damaged: {stored} is not an exact amount (scale {scale}).");
        var negative = signed < 0;
        var magnitude = negative ? (ulong)-signed : (ulong)signed;
        return new decimal(unchecked((int)(uint)magnitude), unchecked((int)(uint)(magnitude >> 32)), 0, negative, scale);
    }

    /// <summary>
    /// An amount of nano-units as a decimal with no trailing zeros after the point (12.5, not 12.500000000):
    /// the same value, and the same text, as the amount read from a file.
    /// </summary>
    public static decimal FromNanos(long nanos)
    {
        var negative = nanos < 0;
        var magnitude = negative ? unchecked((ulong)(-(nanos + 1))) + 1 : (ulong)nanos;
        byte scale = 9;
        while (scale > 0 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            scale--;
        }
        return new decimal(unchecked((int)(uint)magnitude), unchecked((int)(uint)(magnitude >> 32)), 0, negative && magnitude != 0, scale);
    }
}
