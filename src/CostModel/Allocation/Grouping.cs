using System.Globalization;

namespace Costs.CostModel.Allocation;

/// <summary>A dimension that cost can be grouped by.</summary>
public enum GroupDimension
{
    Service, Team, Environment, Project, CloudService, Sku, Region, Cluster, Namespace, NodePool, Node, Workload, Kind, Day, Month,
}

public static class GroupDimensions
{
    private static readonly (GroupDimension Dimension, string Name)[] Names =
    [
        (GroupDimension.Service, "service"), (GroupDimension.Team, "team"), (GroupDimension.Environment, "environment"),
        (GroupDimension.Project, "project"), (GroupDimension.CloudService, "cloud-service"), (GroupDimension.Sku, "sku"),
        (GroupDimension.Region, "region"), (GroupDimension.Cluster, "cluster"), (GroupDimension.Namespace, "namespace"),
        (GroupDimension.NodePool, "node-pool"), (GroupDimension.Node, "node"), (GroupDimension.Workload, "workload"), (GroupDimension.Kind, "kind"),
        (GroupDimension.Day, "day"), (GroupDimension.Month, "month"),
    ];

    public static IEnumerable<string> AllNames => Names.Select(n => n.Name);

    public static string ToText(this GroupDimension d) => Names.First(n => n.Dimension == d).Name;

    public static GroupDimension Parse(string text)
    {
        foreach (var (d, name) in Names)
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase)) return d;
        throw new FormatException($"Unknown dimension '{text}'. Use one of: {string.Join(", ", AllNames)}.");
    }

    /// <summary>
    /// The row's value for a dimension; null when the row is not attributed on it. By service, team and
    /// environment an unallocated, idle or overhead row is named after its kind (<see cref="KindLabels"/>).
    /// </summary>
    public static string? ValueOf(this AllocationRow row, GroupDimension d) => d switch
    {
        GroupDimension.Service => KindLabels.Of(row.Kind) ?? row.Dimensions.Service,
        GroupDimension.Team => KindLabels.Of(row.Kind) ?? row.Dimensions.Team,
        GroupDimension.Environment => KindLabels.Of(row.Kind) ?? row.Dimensions.Environment,
        GroupDimension.Project => row.Dimensions.Project,
        GroupDimension.CloudService => row.Dimensions.CloudService,
        GroupDimension.Sku => row.Dimensions.Sku,
        GroupDimension.Region => row.Dimensions.Region,
        GroupDimension.Cluster => row.Dimensions.Cluster,
        GroupDimension.Namespace => row.Dimensions.Namespace,
        GroupDimension.NodePool => row.Dimensions.NodePool,
        GroupDimension.Node => row.Dimensions.Node,
        GroupDimension.Workload => row.Dimensions.Workload,
        GroupDimension.Kind => row.Kind.ToText(),
        GroupDimension.Day => row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        GroupDimension.Month => row.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, "Unknown dimension."),
    };
}

/// <summary>Cost, credits and net (= cost + credits) of a group of rows.</summary>
public readonly record struct CostTotals(decimal Cost, decimal Credits)
{
    public decimal Net => Cost + Credits;
    public static CostTotals operator +(CostTotals a, CostTotals b) => new(a.Cost + b.Cost, a.Credits + b.Credits);
}

/// <summary>One group: its values, one per dimension asked for (null = not attributed), and its totals.</summary>
public sealed record CostGroup(IReadOnlyList<string?> Values, CostTotals Totals);

/// <summary>Groups allocation rows by dimensions, with exact sums. Pure.</summary>
public static class Grouping
{
    /// <summary>
    /// Groups <paramref name="rows"/> by <paramref name="by"/>, biggest net first (ties by values).
    /// The groups' totals always add up to the rows' total.
    /// </summary>
    public static IReadOnlyList<CostGroup> GroupBy(IEnumerable<AllocationRow> rows, IReadOnlyList<GroupDimension> by)
    {
        var groups = new Dictionary<GroupKey, Group>();
        var byDay = by.Contains(GroupDimension.Day);
        var byMonth = by.Contains(GroupDimension.Month);
        // The dimensions other than day and month depend only on a row's kind and dimensions; rows read from the
        // store share their shape's Dimensions, so their key is made once per shape, not once per row.
        var keys = new Dictionary<(CostKind, Dimensions), string>(KindAndDimensions.Comparer);
        var keyParts = new string?[by.Count];
        foreach (var row in rows)
        {
            if (!keys.TryGetValue((row.Kind, row.Dimensions), out var parts))
            {
                for (var i = 0; i < by.Count; i++) keyParts[i] = by[i] is GroupDimension.Day or GroupDimension.Month ? "" : row.ValueOf(by[i]);
                // \u0001 cannot appear in a label; \u0002 marks null apart from the empty string.
                keys[(row.Kind, row.Dimensions)] = parts = string.Join('\u0001', keyParts.Select(p => p ?? "\u0002"));
            }
            var key = new GroupKey(byDay ? row.Day.DayNumber : -1, byMonth ? row.Day.Year * 12 + row.Day.Month : -1, parts);
            if (!groups.TryGetValue(key, out var group))
                groups[key] = group = new Group(by.Select(d => row.ValueOf(d)).ToArray());
            group.Totals += new CostTotals(row.Cost, row.Credits);
        }
        var timeOrdered = by.Count > 0 && by[0] is GroupDimension.Day or GroupDimension.Month;
        var ordered = timeOrdered
            ? groups.Values.OrderBy(g => g.Values[0], StringComparer.Ordinal).ThenByDescending(g => g.Totals.Net)
            : groups.Values.OrderByDescending(g => g.Totals.Net);
        return ordered
            .ThenBy(g => string.Join('\u0001', g.Values.Select(v => v ?? "")), StringComparer.Ordinal)
            .Select(g => new CostGroup(g.Values, g.Totals))
            .ToList();
    }

    /// <summary>A group while rows are added to it.</summary>
    private sealed class Group(string?[] values)
    {
        public string?[] Values { get; } = values;
        public CostTotals Totals { get; set; }
    }

    /// <summary>A group's key: its day and month (-1 when not grouped by them) and the other dimensions' values joined.</summary>
    private readonly record struct GroupKey(int Day, int Month, string Others);

    /// <summary>A kind and a <see cref="Dimensions"/> instance, compared by reference (a shortcut: equal values in two instances make the same key twice).</summary>
    private sealed class KindAndDimensions : IEqualityComparer<(CostKind Kind, Dimensions Dimensions)>
    {
        public static readonly KindAndDimensions Comparer = new();

        public bool Equals((CostKind Kind, Dimensions Dimensions) x, (CostKind Kind, Dimensions Dimensions) y) =>
            x.Kind == y.Kind && ReferenceEquals(x.Dimensions, y.Dimensions);

        public int GetHashCode((CostKind Kind, Dimensions Dimensions) key) =>
            HashCode.Combine(key.Kind, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Dimensions));
    }

    public static CostTotals Total(IEnumerable<AllocationRow> rows)
    {
        var t = default(CostTotals);
        foreach (var r in rows) t += new CostTotals(r.Cost, r.Credits);
        return t;
    }
}
