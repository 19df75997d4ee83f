using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Costs.CostWeb.Tests.Metrics;

/// <summary>One sample: the metric name, its labels and its value.</summary>
internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4, written from its rules (not from a client):
/// lines end in \n; "# HELP name text" and "# TYPE name counter|gauge|histogram|summary|untyped" at most once
/// per family, TYPE before the family's first sample; a sample is name, optional {label="value",...}, a
/// float value (Go syntax, NaN and ±Inf allowed) and an optional integer timestamp; names match
/// [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]* and not __-prefixed; label values escape
/// \\, \" and \n; a family's samples are contiguous and no series appears twice. Any breach throws.
/// </summary>
internal static partial class PrometheusText
{
    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public static IReadOnlyList<Sample> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n')) throw new FormatException("The exposition does not end with a newline.");
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new HashSet<string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lineNo = 0;
        foreach (var line in text.Split('\n')[..^1])
        {
            lineNo++;
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length < 3 || parts[1] is not ("HELP" or "TYPE")) continue; // a plain comment
                var name = parts[2];
                if (!MetricName().IsMatch(name)) throw new FormatException($"line {lineNo}: bad metric name '{name}'");
                if (parts[1] == "TYPE")
                {
                    if (parts.Length != 4 || parts[3] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                        throw new FormatException($"line {lineNo}: bad TYPE line '{line}'");
                    if (!types.TryAdd(name, parts[3])) throw new FormatException($"line {lineNo}: a second TYPE for {name}");
                    if (samples.Any(s => s.Name == name)) throw new FormatException($"line {lineNo}: TYPE of {name} after its samples");
                }
                else if (!helps.Add(name)) throw new FormatException($"line {lineNo}: a second HELP for {name}");
                continue;
            }
            var sample = ParseSample(line, lineNo);
            if (sample.Name != current)
            {
                if (current is not null) finished.Add(current);
                if (finished.Contains(sample.Name)) throw new FormatException($"line {lineNo}: the samples of {sample.Name} are not together");
                current = sample.Name;
            }
            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            if (!series.Add(key)) throw new FormatException($"line {lineNo}: series {key} appears twice");
            samples.Add(sample);
        }
        return samples;
    }

    private static Sample ParseSample(string line, int lineNo)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' ')) i++;
        var name = line[..i];
        if (!MetricName().IsMatch(name)) throw new FormatException($"line {lineNo}: bad metric name '{name}'");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var label = line[i..eq];
                if (!LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal))
                    throw new FormatException($"line {lineNo}: bad label name '{label}'");
                if (line[eq + 1] != '"') throw new FormatException($"line {lineNo}: label {label} is not quoted");
                var value = new StringBuilder();
                i = eq + 2;
                for (; line[i] != '"'; i++)
                {
                    if (line[i] != '\\')
                    {
                        value.Append(line[i]);
                        continue;
                    }
                    i++;
                    value.Append(line[i] switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        var c => throw new FormatException($"line {lineNo}: bad escape \\{c}"),
                    });
                }
                if (!labels.TryAdd(label, value.ToString())) throw new FormatException($"line {lineNo}: label {label} twice");
                i++;
                if (line[i] == ',') i++;
                else if (line[i] != '}') throw new FormatException($"line {lineNo}: expected , or }} after label {label}");
            }
            i++;
        }
        var rest = line[i..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2) throw new FormatException($"line {lineNo}: expected a value and an optional timestamp");
        var number = rest[0] switch
        {
            "NaN" => double.NaN,
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        if (rest.Length == 2) _ = long.Parse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new Sample(name, labels, number);
    }
}
