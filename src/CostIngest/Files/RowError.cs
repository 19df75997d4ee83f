namespace Costs.CostIngest.Files;

/// <summary>Why one input row could not be read: the file, the 1-based line, the field and its value.</summary>
public sealed record RowError(string File, long Line, string Field, string? Value, string Message)
{
    /// <summary>What could be read from the row before it failed (its day, account, currency, amount).</summary>
    public Costs.CostModel.Store.RowFacts Facts { get; init; } = Costs.CostModel.Store.RowFacts.None;

    public override string ToString() =>
        Value is null ? $"{File}:{Line}: {Field}: {Message}" : $"{File}:{Line}: {Field}: {Message} (value: {Shorten(Value)})";

    private static string Shorten(string v) => v.Length <= 80 ? v : v[..77] + "...";
}

/// <summary>One row read from a billing file: a line, or the error that kept it from being one.</summary>
public readonly record struct FileRow(Costs.CostModel.Billing.BillingLine? Line, RowError? Error);

/// <summary>Thrown while reading one field; the reader turns it into a <see cref="RowError"/>.</summary>
internal sealed class FieldException(string field, string? value, string message) : Exception(message)
{
    public string Field { get; } = field;
    public string? Value { get; } = value;
}
