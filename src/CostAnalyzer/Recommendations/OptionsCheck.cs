using System.Globalization;

namespace Costs.CostAnalyzer.Recommendations;

/// <summary>The advisors refuse options that would not pass <see cref="RecommendationOptions.Validate"/>.</summary>
internal static class OptionsCheck
{
    /// <summary>A number as an error message shows it: invariant culture.</summary>
    public static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    public static void ThrowIfInvalid(Action<string, List<string>> validate, string part)
    {
        var errors = new List<string>();
        validate($"{RecommendationOptions.SectionName}:{part}", errors);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), "options");
    }
}
