namespace Costs.CostModel.Money;

/// <summary>An ISO 4217 currency code: exactly three upper-case ASCII letters.</summary>
public readonly record struct Currency
{
    public string Code { get; }

    public Currency(string code)
    {
        if (code is null || code.Length != 3 || !code.All(c => c is >= 'A' and <= 'Z'))
            throw new ArgumentException($"Not an ISO 4217 currency code: '{code}'.", nameof(code));
        Code = code;
    }

    public static Currency Usd { get; } = new("USD");

    public static bool TryParse(string? text, out Currency currency)
    {
        currency = default;
        if (text is null || text.Length != 3 || !text.All(c => c is >= 'A' and <= 'Z')) return false;
        currency = new Currency(text);
        return true;
    }

    public override string ToString() => Code ?? "";
}
