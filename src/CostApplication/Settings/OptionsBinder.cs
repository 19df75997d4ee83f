using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Costs.CostApplication.Settings;

/// <summary>
/// Binds a configuration section to an options object. Unlike a plain <c>Bind</c>, a list that the
/// configuration gives replaces the list the options start with: the binder would append it to the
/// defaults, so <c>"ServiceLabels": ["component"]</c> would have kept <c>app</c> ahead of it and a
/// first-match rule would never reach the user's key. Lists inside list items are handled the same way.
/// </summary>
public static class OptionsBinder
{
    public static T Bind<T>(IConfiguration configuration, string section) where T : notnull, new() =>
        Bind(configuration, section, new T());

    /// <summary>Binds <paramref name="section"/> over <paramref name="options"/>: what the section sets wins, the rest stays.</summary>
    public static T Bind<T>(IConfiguration configuration, string section, T options) where T : notnull
    {
        var node = configuration.GetSection(section);
        node.Bind(options);
        ReplaceConfiguredLists(options, node);
        return options;
    }

    private static void ReplaceConfiguredLists(object target, IConfigurationSection section)
    {
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0) continue;
            var child = section.GetSection(property.Name);
            if (!child.GetChildren().Any()) continue;
            var type = property.PropertyType;
            if (IsList(type))
            {
                if (!property.CanWrite) continue;
                var fresh = child.Get(type);
                property.SetValue(target, fresh);
                if (fresh is IList items)
                {
                    var children = child.GetChildren().ToList();
                    for (var i = 0; i < items.Count && i < children.Count; i++)
                        if (items[i] is { } item && IsOptionsObject(item.GetType())) ReplaceConfiguredLists(item, children[i]);
                }
            }
            else if (IsOptionsObject(type) && property.GetValue(target) is { } nested)
            {
                ReplaceConfiguredLists(nested, child);
            }
        }
    }

    private static bool IsList(Type type) =>
        type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>));

    private static bool IsOptionsObject(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);
}
