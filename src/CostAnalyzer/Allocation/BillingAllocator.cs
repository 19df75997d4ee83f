using Costs.CostAnalyzer.Attribution;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostAnalyzer.Allocation;

/// <summary>The outcome of allocating a set of days: the shares, and the billed totals they must add up to.</summary>
public sealed record AllocationResult(IReadOnlyList<AllocationRow> Rows, IReadOnlyList<BilledDay> Billed)
{
    /// <summary>
    /// The days on which a sum needed more than a decimal's 28 significant digits and was rounded: their
    /// figures are not exact, so the analysis must not be saved.
    /// </summary>
    public IReadOnlyList<DateOnly> RoundedDays { get; init; } = [];
}

/// <summary>
/// Allocates billing lines to services, teams and environments by <see cref="Attributor"/>, adding
/// them up per day and set of dimensions. A pure accumulator: feed it lines with <see cref="Add(BillingLine)"/> or sums of lines with <see cref="Add(BillingGroup)"/>
/// (from any stream) and take the result with <see cref="Build"/>; memory grows with the number of
/// distinct (day, dimensions), not with the number of lines.
/// </summary>
/// <param name="shared">The shared-cost policies: a GKE-labelled line whose pod labels a label policy selects is marked for it (<see cref="AllocationRow.SharedBy"/>).</param>
public sealed class BillingAllocator(Attributor attributor, Clusters.ClusterSplitOptions? clusterOptions = null,
    IReadOnlyList<SharedCostOptions>? shared = null)
{
    private readonly Dictionary<Key, Sum> _shares = [];
    private readonly Dictionary<(DateOnly Day, Currency Currency, InvoiceMonth Month), Sum> _billed = [];

    /// <summary>
    /// Lines alike in everything their share depends on (day, currency, month, the three label sets,
    /// project, cloud service, SKU, region) land in the same share: the share of the first is found once
    /// and the rest only add to it. A store read shares one label set instance among its lines, so the
    /// comparison is mostly by reference. Only the current day's signatures are kept (a signature holds
    /// its day, so an earlier day's is never met again): a month of them, with the label sets and texts
    /// they hold, was most of an analysis's memory.
    /// </summary>
    private readonly Dictionary<LineSignature, Sum> _byLine = [];
    private DateOnly _signatureDay;

    /// <summary>
    /// One instance of each set of dimensions and of each rule text for all the days: the store decodes a
    /// day's lines afresh, and a month of shares each holding its own copies of the same texts grew the
    /// heap with the days of the month.
    /// </summary>
    private readonly Dictionary<Dimensions, Dimensions> _dimensions = [];
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    private readonly record struct LineSignature(DateOnly Day, Currency Currency, InvoiceMonth Month, Labels Labels,
        Labels SystemLabels, Labels ProjectLabels, string? ProjectId, string ServiceDescription, string SkuDescription, string? Region)
    {
        public static LineSignature Of(BillingLine l) => new(l.UsageDay, l.Currency, l.InvoiceMonth, l.Labels, l.SystemLabels,
            l.ProjectLabels, l.ProjectId, l.ServiceDescription, l.SkuDescription, l.Region);
    }

    private readonly record struct Key(DateOnly Day, Currency Currency, InvoiceMonth Month, CostKind Kind,
        Dimensions Dimensions, string Rule, string Missing, string? SharedBy);

    private readonly HashSet<DateOnly> _rounded = [];

    private sealed class Sum
    {
        public decimal Cost;
        public decimal Credits;

        /// <summary>Adds; false when a sum was rounded (see <see cref="ExactSum"/>).</summary>
        public bool Add(decimal cost, decimal credits) =>
            ExactSum.TryAdd(Cost, cost, out Cost) & ExactSum.TryAdd(Credits, credits, out Credits);
    }

    public void Add(BillingLine line) => Add(line, line.Cost, line.CreditTotal);

    /// <summary>Adds a day's lines alike in all their share depends on, already added up (the store's sums by shape).</summary>
    public void Add(BillingGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        Add(group.Shape, group.Cost, group.Credits);
    }

    private void Add(BillingLine line, decimal cost, decimal credits)
    {
        AddBilled(line, cost, credits);
        if (line.UsageDay != _signatureDay)
        {
            _byLine.Clear();
            _signatureDay = line.UsageDay;
        }
        var signature = LineSignature.Of(line);
        if (!_byLine.TryGetValue(signature, out var sum)) _byLine[signature] = sum = ShareOf(line);
        if (!sum.Add(cost, credits)) _rounded.Add(line.UsageDay);
    }

    private Sum ShareOf(BillingLine line)
    {
        var a = attributor.Attribute(line);
        var kind = a.Service is null ? CostKind.Unallocated : CostKind.Allocated;
        // GKE cost allocation already split this node cost: its idle and system rows keep those kinds.
        var gke = Clusters.GkeAllocationLabels.Read(line, clusterOptions);
        if (gke is { Kind: CostKind.Idle or CostKind.Overhead })
        {
            kind = gke.Kind;
            a = a with { Service = null, Missing = "", Rule = a.Rule.Length == 0 ? "gke:" + gke.Namespace : $"gke:{gke.Namespace}; {a.Rule}" };
        }
        var dims = new Dimensions
        {
            Service = a.Service,
            Team = a.Team,
            Environment = a.Environment,
            Project = line.ProjectId,
            CloudService = line.ServiceDescription,
            Sku = line.SkuDescription,
            Region = line.Region,
            Cluster = a.Cluster,
            Namespace = a.Namespace,
        };
        var sharedBy = kind == CostKind.Allocated && gke is not null && shared is { Count: > 0 }
            ? SharedCostOptions.LabelPolicy(shared, gke.PodLabels) : null;
        return SumOf(new Key(line.UsageDay, line.Currency, line.InvoiceMonth, kind, dims, a.Rule, a.Missing, sharedBy));
    }

    private Dimensions Shared(Dimensions dims)
    {
        if (_dimensions.TryGetValue(dims, out var known)) return known;
        var shared = dims with
        {
            Service = Shared(dims.Service), Team = Shared(dims.Team), Environment = Shared(dims.Environment), Project = Shared(dims.Project),
            CloudService = Shared(dims.CloudService), Sku = Shared(dims.Sku), Region = Shared(dims.Region), Cluster = Shared(dims.Cluster),
            Namespace = Shared(dims.Namespace), NodePool = Shared(dims.NodePool), Node = Shared(dims.Node), Workload = Shared(dims.Workload),
        };
        _dimensions[shared] = shared;
        return shared;
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private string? Shared(string? text)
    {
        if (text is null) return null;
        if (_texts.TryGetValue(text, out var known)) return known;
        _texts[text] = text;
        return text;
    }

    /// <summary>Adds a share computed elsewhere (a node's split), without counting it as billed again.</summary>
    public void AddShare(AllocationRow row) =>
        AddShare(new Key(row.Day, row.Currency, row.InvoiceMonth, row.Kind, row.Dimensions, row.Rule, row.Missing, row.SharedBy), row.Cost, row.Credits);

    /// <summary>Counts a line as billed without allocating it (its shares come through <see cref="AddShare(AllocationRow)"/>).</summary>
    public void AddBilledOnly(BillingLine line) => AddBilled(line, line.Cost, line.CreditTotal);

    private void AddBilled(BillingLine line, decimal cost, decimal credits)
    {
        var key = (line.UsageDay, line.Currency, line.InvoiceMonth);
        if (!_billed.TryGetValue(key, out var billed)) _billed[key] = billed = new Sum();
        if (!billed.Add(cost, credits)) _rounded.Add(line.UsageDay);
    }

    private void AddShare(Key key, decimal cost, decimal credits)
    {
        if (!SumOf(key).Add(cost, credits)) _rounded.Add(key.Day);
    }

    private Sum SumOf(Key key)
    {
        if (_shares.TryGetValue(key, out var sum)) return sum;
        var shared = key with { Dimensions = Shared(key.Dimensions), Rule = Shared(key.Rule), Missing = Shared(key.Missing), SharedBy = Shared(key.SharedBy) };
        _shares[shared] = sum = new Sum();
        return sum;
    }

    public AllocationResult Build()
    {
        var rows = _shares.Select(kv => new AllocationRow
        {
            Day = kv.Key.Day,
            Currency = kv.Key.Currency,
            InvoiceMonth = kv.Key.Month,
            Kind = kv.Key.Kind,
            Dimensions = kv.Key.Dimensions,
            Rule = kv.Key.Rule,
            Missing = kv.Key.Missing,
            SharedBy = kv.Key.SharedBy,
            Cost = kv.Value.Cost,
            Credits = kv.Value.Credits,
        }).ToList();
        var billed = _billed.Select(kv => new BilledDay(kv.Key.Day, kv.Key.Currency, kv.Key.Month, kv.Value.Cost, kv.Value.Credits))
            .OrderBy(b => b.Day).ThenBy(b => b.Currency.Code).ThenBy(b => b.InvoiceMonth).ToList();
        return new AllocationResult(rows, billed) { RoundedDays = _rounded.Order().ToList() };
    }
}
