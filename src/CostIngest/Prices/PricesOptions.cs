using Costs.CostResilience;

namespace Costs.CostIngest.Prices;

/// <summary>Configuration section <c>Prices</c>: where the Cloud Billing Catalog is.</summary>
public sealed class PricesOptions
{
    public const string Section = "Prices";

    /// <summary>The Compute Engine service in the Catalog.</summary>
    public const string ComputeEngineServiceId = "6F81-5844-456A";

    public Uri BaseUri { get; set; } = new("https://cloudbilling.googleapis.com/");

    /// <summary>The currency the Catalog prices in (<c>currencyCode</c>); rates are stored in USD as well.</summary>
    public string CurrencyCode { get; set; } = "USD";

    public int PageSize { get; set; } = 5000;

    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(100);

    public RetryOptions Retry { get; set; } = new();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!BaseUri.IsAbsoluteUri || !BaseUri.AbsoluteUri.EndsWith('/'))
            errors.Add($"{Section}:BaseUri must be absolute and end with '/' (was {BaseUri}).");
        if (CurrencyCode is not { Length: 3 } || !CurrencyCode.All(c => c is >= 'A' and <= 'Z'))
            errors.Add($"{Section}:CurrencyCode must be an ISO 4217 code such as USD (was '{CurrencyCode}').");
        if (PageSize is < 1 or > 5000) errors.Add($"{Section}:PageSize must be between 1 and 5000 (was {PageSize}).");
        if (HttpTimeout <= TimeSpan.Zero) errors.Add($"{Section}:HttpTimeout must be positive.");
        errors.AddRange(Retry.Validate(Section));
        return errors;
    }
}
