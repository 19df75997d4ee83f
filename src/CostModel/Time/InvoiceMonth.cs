using System.Globalization;

namespace Costs.CostModel.Time;

/// <summary>The invoice month of a billing line, as the export writes it: <c>YYYYMM</c>.</summary>
public readonly record struct InvoiceMonth(int Year, int Month) : IComparable<InvoiceMonth>
{
    public static bool TryParse(string? text, out InvoiceMonth month)
    {
        month = default;
        if (text is null || text.Length != 6 || !text.All(char.IsAsciiDigit)) return false;
        var y = int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var m = int.Parse(text.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (y < 1970 || m is < 1 or > 12) return false;
        month = new InvoiceMonth(y, m);
        return true;
    }

    public static InvoiceMonth Parse(string text) =>
        TryParse(text, out var m) ? m : throw new FormatException($"Not an invoice month (YYYYMM): '{text}'.");

    public static InvoiceMonth Of(DateOnly day) => new(day.Year, day.Month);

    public int CompareTo(InvoiceMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public override string ToString() => $"{Year:D4}{Month:D2}";
}
