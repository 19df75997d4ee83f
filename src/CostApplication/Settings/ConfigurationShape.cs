using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Costs.CostApplication.Settings;

/// <summary>
/// What a configuration section holds that its options class cannot take: a key no property has (a
/// misspelling such as <c>"Budgetz"</c>, which binding would skip without a word), a single value where a
/// list, a map or an object is wanted (<c>"ServiceLabels": "team"</c>), an object or a list where a single
/// value is wanted, and a value that does not convert (a word where a number is wanted). Every problem is
/// named by its path; all of them are listed, not only the first. The keys of a dictionary are free.
/// </summary>
public static class ConfigurationShape
{
    /// <summary>
    /// The problems of <paramref name="section"/> read as <paramref name="types"/>: a key is known when one
    /// of them has it, and takes the shape of the first that has it. With <paramref name="ignoreUnknown"/>,
    /// unknown keys are left to another check (a section read by two classes).
    /// </summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, string section, IReadOnlyList<Type> types, bool ignoreUnknown = false)
    {
        var errors = new List<string>();
        var node = configuration.GetSection(section);
        if (node.Value is { Length: > 0 } value && !node.GetChildren().Any())
            errors.Add($"{node.Path}: a single value ('{value}') where a section is wanted");
        else
            ObjectChildren(node, types, ignoreUnknown, errors);
        return errors;
    }

    /// <summary>The top-level keys that are not one of <paramref name="sections"/>.</summary>
    public static IReadOnlyList<string> UnknownSections(IConfiguration configuration, IReadOnlyCollection<string> sections) =>
        configuration.GetChildren()
            .Where(c => !sections.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .Select(c => $"{c.Path}: unknown section{Suggestion(c.Key, sections)}; the sections are {string.Join(", ", sections)}")
            .ToList();

    private static void ObjectChildren(IConfigurationSection node, IReadOnlyList<Type> types, bool ignoreUnknown, List<string> errors)
    {
        foreach (var child in node.GetChildren())
        {
            var property = types.Select(t => PropertyOf(t, child.Key)).FirstOrDefault(p => p is not null);
            if (property is null)
            {
                if (!ignoreUnknown)
                {
                    var known = types.SelectMany(Properties).Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
                    errors.Add($"{child.Path}: unknown key{Suggestion(child.Key, known)}");
                }
                continue;
            }
            Check(child, property.PropertyType, errors);
        }
    }

    private static void Check(IConfigurationSection node, Type type, List<string> errors)
    {
        var children = node.GetChildren().ToList();
        var single = children.Count == 0 && node.Value is { Length: > 0 } ? node.Value : null;
        if (IsScalar(type))
        {
            if (children.Count > 0) errors.Add($"{node.Path}: {(AreIndices(children) ? "a list" : "an object")} where a single value ({Describe(type)}) is wanted");
            else if (single is not null && !Converts(type, single)) errors.Add($"{node.Path}: '{single}' is not {Describe(type)}");
        }
        else if (ElementOf(type) is { } element)
        {
            if (single is not null) errors.Add($"{node.Path}: a single value ('{single}') where a list is wanted (write [\"{single}\"])");
            else if (children.Count > 0 && !AreIndices(children)) errors.Add($"{node.Path}: an object where a list is wanted");
            else foreach (var item in children) Check(item, element, errors);
        }
        else if (DictionaryValueOf(type) is { } valueType)
        {
            if (single is not null) errors.Add($"{node.Path}: a single value ('{single}') where a map of names to values is wanted");
            else foreach (var entry in children) Check(entry, valueType, errors);
        }
        else
        {
            if (single is not null) errors.Add($"{node.Path}: a single value ('{single}') where an object is wanted");
            else if (children.Count > 0 && AreIndices(children)) errors.Add($"{node.Path}: a list where an object is wanted");
            else ObjectChildren(node, [type], ignoreUnknown: false, errors);
        }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && (p.SetMethod is { IsPublic: true } || !IsScalar(p.PropertyType)));

    private static PropertyInfo? PropertyOf(Type type, string key) =>
        Properties(type).FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsPrimitive || t.IsEnum || TypeDescriptor.GetConverter(t).CanConvertFrom(typeof(string));
    }

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() is var g && (g == typeof(List<>) || g == typeof(IList<>) || g == typeof(IReadOnlyList<>) || g == typeof(IEnumerable<>))
            ? type.GetGenericArguments()[0]
            : null;

    private static Type? DictionaryValueOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var g && (g == typeof(Dictionary<,>) || g == typeof(IDictionary<,>) || g == typeof(IReadOnlyDictionary<,>))
            ? type.GetGenericArguments()[1]
            : null;

    private static bool AreIndices(IReadOnlyList<IConfigurationSection> children) =>
        children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _));

    private static bool Converts(Type type, string value)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return true;
        try
        {
            TypeDescriptor.GetConverter(t).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException or UriFormatException)
        {
            return false;
        }
    }

    private static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(t));
        return t switch
        {
            _ when t == typeof(bool) => "true or false",
            _ when t == typeof(TimeSpan) => "a duration such as 00:05:00",
            _ when t == typeof(decimal) || t == typeof(double) => "a number",
            _ when t == typeof(int) || t == typeof(long) => "a whole number",
            _ when t == typeof(Uri) => "a URL",
            _ => "a " + t.Name,
        };
    }

    private static string Suggestion(string key, IReadOnlyCollection<string> known)
    {
        var best = known.Select(k => (Key: k, Distance: Distance(key.ToUpperInvariant(), k.ToUpperInvariant())))
            .Where(x => x.Distance <= Math.Max(1, x.Key.Length / 3)).OrderBy(x => x.Distance).FirstOrDefault();
        return best.Key is null ? "" : $" (did you mean '{best.Key}'?)";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
