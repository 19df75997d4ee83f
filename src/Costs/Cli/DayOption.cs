using System.CommandLine;
using System.Globalization;

namespace Costs.Cli;

/// <summary>
/// An option that takes one day as <c>yyyy-MM-dd</c>. A value in any other form is a usage error that
/// names the option and the value, not the .NET type it failed to become.
/// </summary>
internal static class DayOption
{
    public static Option<DateOnly?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            result.AddError($"{name}: '{text}' is not a day (yyyy-MM-dd).");
            return null;
        },
    };
}
