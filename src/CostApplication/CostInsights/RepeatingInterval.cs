using System.Globalization;
using System.Text.RegularExpressions;
using Costs.CostModel.Time;

namespace Costs.CostApplication.CostInsights;

/// <summary>The unit of a <see cref="RepeatingInterval"/>'s period.</summary>
public enum PeriodUnit
{
    Day,
    Week,
    Month,
    Year,
}

/// <summary>
/// An ISO 8601 repeating interval as the Cost Insights plugin sends it: <c>R{n}/P{k}{D|W|M|Y}/{end}</c>,
/// for example <c>R2/P30D/2026-11-01</c>: <c>n</c> consecutive periods of the given length, the last of
/// which ends on <c>end</c> (exclusive: the plugin passes the day after the last complete billing day).
/// Only this form is accepted (the plugin sends no other), parsed strictly: a bad one is a
/// <see cref="FormatException"/> that says what was expected.
/// </summary>
public sealed partial record RepeatingInterval
{
    /// <summary>The most days that the whole interval may span (about three years).</summary>
    public const int MaxDays = 1200;

    private RepeatingInterval(int repetitions, int length, PeriodUnit unit, DateOnly endExclusive)
    {
        Repetitions = repetitions;
        Length = length;
        Unit = unit;
        EndExclusive = endExclusive;
    }

    public int Repetitions { get; }
    public int Length { get; }
    public PeriodUnit Unit { get; }
    public DateOnly EndExclusive { get; }

    /// <summary>The periods, oldest first; each is <see cref="Length"/> units, the last ending at <see cref="EndExclusive"/>.</summary>
    public IReadOnlyList<DateRange> Periods =>
        Enumerable.Range(0, Repetitions).Reverse().Select(i => new DateRange(Back(i + 1), Back(i))).ToList();

    /// <summary>The whole span: from the first period's start to <see cref="EndExclusive"/>.</summary>
    public DateRange Span => new(Back(Repetitions), EndExclusive);

    public static RepeatingInterval Parse(string? text)
    {
        const string expected = "expected R{repetitions}/P{length}{D|W|M|Y}/{end date YYYY-MM-DD}, e.g. R2/P30D/2026-11-01";
        if (string.IsNullOrEmpty(text)) throw new FormatException($"intervals: missing; {expected}.");
        var m = Pattern().Match(text);
        if (!m.Success) throw new FormatException($"intervals: '{Shown(text)}' is not an ISO 8601 repeating interval of the form the plugin sends; {expected}.");
        if (!int.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            throw new FormatException($"intervals: '{text}': the number of repetitions must be 1 or more.");
        if (!int.TryParse(m.Groups["k"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k < 1)
            throw new FormatException($"intervals: '{text}': the period's length must be 1 or more.");
        if (!DateOnly.TryParseExact(m.Groups["end"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            throw new FormatException($"intervals: '{text}': '{m.Groups["end"].Value}' is not a calendar date.");
        var unit = m.Groups["unit"].Value switch
        {
            "D" => PeriodUnit.Day,
            "W" => PeriodUnit.Week,
            "M" => PeriodUnit.Month,
            "Y" => PeriodUnit.Year,
            var u => throw new FormatException($"intervals: '{text}': unknown period unit '{u}'."),
        };
        var days = unit switch
        {
            PeriodUnit.Day => (long)n * k,
            PeriodUnit.Week => 7L * n * k,
            PeriodUnit.Month => 31L * n * k,
            _ => 366L * n * k,
        };
        if (days > MaxDays || end.Year < 1900 || end.Year > 9000)
            throw new FormatException($"intervals: '{text}' spans more than {MaxDays} days or lies outside the years 1900 to 9000.");
        return new RepeatingInterval(n, k, unit, end);
    }

    public override string ToString() =>
        $"R{Repetitions}/P{Length}{Unit switch { PeriodUnit.Day => 'D', PeriodUnit.Week => 'W', PeriodUnit.Month => 'M', _ => 'Y' }}/{EndExclusive:yyyy-MM-dd}";

    private DateOnly Back(int periods) => Unit switch
    {
        PeriodUnit.Day => EndExclusive.AddDays(-periods * Length),
        PeriodUnit.Week => EndExclusive.AddDays(-7 * periods * Length),
        PeriodUnit.Month => EndExclusive.AddMonths(-periods * Length),
        _ => EndExclusive.AddYears(-periods * Length),
    };

    private static string Shown(string text) => text.Length > 80 ? text[..80] + "…" : text;

    [GeneratedRegex(@"^R(?<n>[0-9]{1,4})/P(?<k>[0-9]{1,4})(?<unit>[DWMY])/(?<end>[0-9]{4}-[0-9]{2}-[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
