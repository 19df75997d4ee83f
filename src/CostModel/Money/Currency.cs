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

    /// <summary>
    /// The currency's minor-unit digits (ISO 4217): 0 for JPY, KRW and the other currencies without a minor
    /// unit, 3 for BHD, IQD, JOD, KWD, LYD, OMR and TND, 2 for the rest. Bills keep more digits than this;
    /// an amount that people type (a fixed monthly amount) is split to this unit.
    /// </summary>
    public int MinorDigits => Code switch
    {
        "BIF" or "CLP" or "DJF" or "GNF" or "ISK" or "JPY" or "KMF" or "KRW" or "PYG" or "RWF" or "UGX" or "UYI"
            or "VND" or "VUV" or "XAF" or "XOF" or "XPF" => 0,
        "BHD" or "IQD" or "JOD" or "KWD" or "LYD" or "OMR" or "TND" => 3,
        _ => 2,
    };

    public static bool TryParse(string? text, out Currency currency)
    {
        currency = default;
        if (text is null || text.Length != 3 || !text.All(c => c is >= 'A' and <= 'Z')) return false;
        currency = new Currency(text);
        return true;
    }

    public override string ToString() => Code ?? "";
}
