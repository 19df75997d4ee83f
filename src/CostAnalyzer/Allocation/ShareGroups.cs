using System.Runtime.CompilerServices;
using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostAnalyzer.Allocation;

/// <summary>
/// The shares of a node split added up into the ones that make the same allocation row: same pod (by value),
/// same kind, and a source line alike in every dimension a row takes from it (its day, not its hour). A day of a
/// fleet has a share per pod, hour and resource; a row per pod, node line and day is what the allocation keeps,
/// so the rows are built once per group, not once per share. Groups come out in the order their first share came
/// in, so the allocator meets the rows' keys in the same order as share by share. A sum that would round starts a
/// new group (<see cref="ExactSum"/>): the allocator then adds the two and reports the rounding itself.
/// </summary>
internal sealed class ShareGroups
{
    private readonly Dictionary<SourceShape, int> _shapes = [];
    private readonly Dictionary<GroupKey, Group> _index = [];
    private readonly List<Group> _groups = [];
    private NodeHourCost? _lastSource;
    private int _lastShape;

    /// <summary>The groups, in the order of their first share.</summary>
    public IReadOnlyList<Group> Groups => _groups;

    /// <summary>Adds a share whose pod is <paramref name="pod"/>, the canonical instance of its value (<see cref="PodRefs"/>), or null.</summary>
    public void Add(PodCostShare share, PodRef? pod)
    {
        var source = share.Source;
        if (!ReferenceEquals(source, _lastSource))
        {
            var shape = SourceShape.Of(source);
            if (!_shapes.TryGetValue(shape, out _lastShape)) _shapes[shape] = _lastShape = _shapes.Count;
            _lastSource = source;
        }
        var key = new GroupKey(pod, share.Kind, _lastShape);
        if (_index.TryGetValue(key, out var group) && group.TryAdd(share.Cost, share.Credits)) return;
        _index[key] = group = new Group(share, pod);
        _groups.Add(group);
    }

    /// <summary>Shares that make one row: the first share (its source and kind), the canonical pod, and the sums.</summary>
    internal sealed class Group(PodCostShare first, PodRef? pod)
    {
        private decimal _cost = first.Cost;
        private decimal _credits = first.Credits;

        public PodCostShare First { get; } = first;
        public PodRef? Pod { get; } = pod;
        public decimal Cost => _cost;
        public decimal Credits => _credits;

        /// <summary>Adds a share's money; false, with nothing added, when either sum would round.</summary>
        public bool TryAdd(decimal cost, decimal credits)
        {
            if (!ExactSum.TryAdd(_cost, cost, out var c) || !ExactSum.TryAdd(_credits, credits, out var k)) return false;
            (_cost, _credits) = (c, k);
            return true;
        }
    }

    /// <summary>What a row takes from a share's source line.</summary>
    private readonly record struct SourceShape(DateOnly Day, Currency Currency, InvoiceMonth Month, string? Environment,
        string? Project, string CloudService, string Sku, string? Region, string Cluster, string? NodePool, string Node)
    {
        public static SourceShape Of(NodeHourCost s) => new(s.Day, s.Currency, s.InvoiceMonth, s.Environment, s.Project,
            s.CloudService, s.Sku, s.Region, s.Cluster, s.NodePool, s.Node);
    }

    /// <summary>A canonical pod by reference (null for idle and reservation shares), a kind and a source shape.</summary>
    private readonly struct GroupKey(PodRef? pod, CostKind kind, int shape) : IEquatable<GroupKey>
    {
        private readonly PodRef? _pod = pod;
        private readonly CostKind _kind = kind;
        private readonly int _shape = shape;

        public bool Equals(GroupKey other) => ReferenceEquals(_pod, other._pod) && _kind == other._kind && _shape == other._shape;
        public override bool Equals(object? obj) => obj is GroupKey other && Equals(other);
        public override int GetHashCode() => HashCode.Combine(_pod is null ? 0 : RuntimeHelpers.GetHashCode(_pod), _kind, _shape);
    }
}
