using Costs.CostModel.Money;
using MoneyValue = Costs.CostModel.Money.Money;
using Costs.CostModel.Time;

namespace Costs.CostModel.Store;

/// <summary>
/// What could be read from a rejected row before it failed: its usage day, billing account, invoice month,
/// currency and amount (the row's cost before credits; BilledCost in FOCUS). Each is null where the row
/// could not be read that far, so that a rejected row is counted, and its amount summed, wherever it can be.
/// </summary>
public sealed record RowFacts(DateOnly? UsageDay, string? AccountId, InvoiceMonth? InvoiceMonth, Currency? Currency, decimal? Amount)
{
    /// <summary>Nothing could be read.</summary>
    public static RowFacts None { get; } = new(null, null, null, null, null);

    /// <summary>The invoice month the row belongs to: the one it states, else its usage day's month.</summary>
    public InvoiceMonth? Month => InvoiceMonth ?? (UsageDay is { } d ? Time.InvoiceMonth.Of(d) : null);

    /// <summary>The amount with its currency, when both were read.</summary>
    public MoneyValue? Money => Amount is { } a && Currency is { } c ? new MoneyValue(a, c) : null;
}

/// <summary>A row of input that could not be read, kept aside with where it came from, why, and what could be read of it.</summary>
public sealed record Reject(long LoadId, string File, long Line, string Field, string? Value, string Message)
{
    /// <summary>What could be read from the row (<see cref="RowFacts.None"/> when nothing).</summary>
    public RowFacts Facts { get; init; } = RowFacts.None;

    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}

/// <summary>A reject row as SQLite holds it (all text).</summary>
internal sealed class RejectRecord
{
    public long LoadId { get; init; }
    public string File { get; init; } = "";
    public long Line { get; init; }
    public string Field { get; init; } = "";
    public string? Value { get; init; }
    public string Message { get; init; } = "";
    public string? UsageDay { get; init; }
    public string? AccountId { get; init; }
    public string? InvoiceMonth { get; init; }
    public string? Currency { get; init; }
    public string? Amount { get; init; }

    public static RejectRecord From(Reject r) => new()
    {
        LoadId = r.LoadId, File = r.File, Line = r.Line, Field = r.Field, Value = r.Value, Message = r.Message,
        UsageDay = r.Facts.UsageDay is { } d ? StoreText.Day(d) : null,
        AccountId = r.Facts.AccountId,
        InvoiceMonth = r.Facts.InvoiceMonth?.ToString(),
        Currency = r.Facts.Currency?.Code,
        Amount = StoreText.Decimal(r.Facts.Amount),
    };

    public Reject ToReject() => new(LoadId, File, Line, Field, Value, Message)
    {
        Facts = new RowFacts(
            UsageDay is null ? null : StoreText.ParseDay(UsageDay),
            AccountId,
            InvoiceMonth is null ? null : Time.InvoiceMonth.Parse(InvoiceMonth),
            Currency is null ? null : new Currency(Currency),
            StoreText.ParseDecimalOrNull(Amount)),
    };
}
