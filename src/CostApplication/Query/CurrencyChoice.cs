using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;

namespace Costs.CostApplication.Query;

/// <summary>Which billing currency a query or a report shows: the one asked for, else the only one there is.</summary>
public static class CurrencyChoice
{
    /// <summary>
    /// <paramref name="requested"/> when given (any case), which must be billed in <paramref name="billed"/>
    /// if anything is; else the one billed currency; several are a usage error naming them. With nothing
    /// billed and nothing asked for, USD. <paramref name="scope"/> names where was looked ("that range").
    /// </summary>
    public static Currency Pick(IEnumerable<BilledDay> billed, string? requested, string scope)
    {
        var currencies = billed.Select(b => b.Currency).Distinct().OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        if (requested is not null)
        {
            if (!Currency.TryParse(requested.ToUpperInvariant(), out var asked))
                throw new StageException(FailureKind.Configuration, $"--currency: '{requested}' is not an ISO 4217 currency code.");
            if (currencies.Count > 0 && !currencies.Contains(asked))
                throw new StageException(FailureKind.Configuration, $"No cost in {asked} in {scope}; it holds {string.Join(", ", currencies)}.");
            return asked;
        }
        if (currencies.Count > 1)
            throw new StageException(FailureKind.Configuration, $"{Capital(scope)} holds several currencies ({string.Join(", ", currencies)}): pick one with --currency.");
        return currencies.Count == 1 ? currencies[0] : Currency.Usd;
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
