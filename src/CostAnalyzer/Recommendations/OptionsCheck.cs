namespace Costs.CostAnalyzer.Recommendations;

/// <summary>The advisors refuse options that would not pass <see cref="RecommendationOptions.Validate"/>.</summary>
internal static class OptionsCheck
{
    public static void ThrowIfInvalid(Action<string, List<string>> validate, string part)
    {
        var errors = new List<string>();
        validate($"{RecommendationOptions.SectionName}:{part}", errors);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), "options");
    }
}
