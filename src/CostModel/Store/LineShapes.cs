using System.Text.Json;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// The shapes of billing lines (migration 0015): everything a line says that is not an amount, an
/// instant or its source line, kept once in line_shape and referenced by id. One instance serves one
/// load or one read, inside its transaction, and remembers the shapes it met.
/// </summary>
internal sealed class LineShapes(SqliteConnection connection, StoreDictionary dictionary) : IDisposable
{
    /// <summary>The columns of line_shape after its key, in the order of line_shape_insert.sql and line_shape_select.sql.</summary>
    private static readonly string[] Columns =
    [
        "Account", "Currency", "Credits", "ProjectId", "ProjectName", "ServiceId", "ServiceDescription", "SkuId",
        "SkuDescription", "Region", "Zone", "ResourceName", "ResourceGlobalName", "Labels", "ProjectLabels",
        "SystemLabels", "UsageUnit", "UsagePricingUnit", "CostType", "ConsumptionModel", "Adjustment",
    ];

    private readonly Dictionary<ShapeIds, long> _ids = [];
    private readonly Dictionary<long, Shape> _shapes = [];
    private readonly Dictionary<long, Labels> _labels = [];
    private readonly Dictionary<long, StoredCreditShape[]> _creditShapes = [];
    private readonly ShapeKeys _keys = new(connection, "a line shape", Sql.LineShapeSelectId, Sql.LineShapeInsert, Columns.Select(c => "@" + c).ToArray());
    private RawStatement? _select;

    /// <summary>A shape as read back: the line it describes (amounts, instants and month unset) and its credits without amounts.</summary>
    public sealed record Shape(BillingLine Line, StoredCreditShape[] Credits);

    /// <summary>
    /// Shapes by the identity of a line's texts and label sets. The export reader shares the instances of
    /// values that repeat from line to line, so a line whose every text is the very instance an earlier
    /// line had has that line's shape: found without hashing each text or writing its credits as JSON
    /// again. Any other line takes the way by text (<see cref="IdsAsync"/>); the answer is the same.
    /// </summary>
    private readonly Dictionary<object?[], long> _byInstance = new(SameInstances.Comparer);

    /// <summary>The id of <paramref name="line"/>'s shape, added to line_shape if new.</summary>
    public async ValueTask<long> IdAsync(BillingLine line, CancellationToken ct)
    {
        var instances = SameInstances.Of(line);
        if (instances is not null && _byInstance.TryGetValue(instances, out var known)) return known;
        var id = await IdByTextAsync(line, ct);
        if (instances is not null && _byInstance.Count < SameInstances.MaxEntries) _byInstance[instances] = id;
        return id;
    }

    private async ValueTask<long> IdByTextAsync(BillingLine line, CancellationToken ct)
    {
        var ids = await IdsAsync(line, ct);
        if (_ids.TryGetValue(ids, out var id)) return id;
        id = _keys.IdOf(ids.Values().Select(v => v == 0 ? DBNull.Value : (object)v).ToArray());
        _ids[ids] = id;
        return id;
    }

    private async ValueTask<ShapeIds> IdsAsync(BillingLine l, CancellationToken ct)
    {
        async ValueTask<long> Id(string? text) => await dictionary.IdAsync(text, ct) is long id ? id : 0;
        async ValueTask<long> LabelsId(Labels labels) => labels.Count == 0 ? 0 : await Id(labels.ToJson());
        return new ShapeIds(await Id(l.BillingAccountId), await Id(l.Currency.Code), await CreditsIdAsync(l.Credits, ct),
            await Id(l.ProjectId), await Id(l.ProjectName), await Id(l.ServiceId), await Id(l.ServiceDescription),
            await Id(l.SkuId), await Id(l.SkuDescription), await Id(l.Region), await Id(l.Zone), await Id(l.ResourceName),
            await Id(l.ResourceGlobalName), await LabelsId(l.Labels), await LabelsId(l.ProjectLabels),
            await LabelsId(l.SystemLabels), await Id(l.UsageUnit), await Id(l.UsagePricingUnit), await Id(l.CostType),
            await Id(l.ConsumptionModel), await Id(l.AdjustmentDescription));
    }

    /// <summary>The credit list without its amounts, as a dictionary id (0 for no credits).</summary>
    private async ValueTask<long> CreditsIdAsync(IReadOnlyList<Credit> credits, CancellationToken ct)
    {
        if (credits.Count == 0) return 0;
        var shape = JsonSerializer.Serialize(credits.Select(c => new StoredCreditShape(c.Type.Name, c.Name, c.FullName, c.Id)).ToArray(),
            StoreJson.Default.StoredCreditShapeArray);
        return (long)await dictionary.IdAsync(shape, ct);
    }

    /// <summary>The shape of id <paramref name="id"/>, read once.</summary>
    public async ValueTask<Shape> ShapeAsync(long id, CancellationToken ct)
    {
        if (_shapes.TryGetValue(id, out var shape)) return shape;
        _select ??= new RawStatement(connection, Sql.LineShapeSelect);
        _select.Bind(1, id);
        if (!_select.Step()) throw new InvalidOperationException($"The store is damaged: line shape {id} is missing.");
        var v = new long[Columns.Length];
        for (var i = 0; i < v.Length; i++) v[i] = _select.IsNull(i) ? 0 : _select.Int64(i);
        _select.Step();
        foreach (var textId in v) if (textId != 0) await dictionary.LoadAsync(textId, ct);
        string? Text(int i) => v[i] == 0 ? null : dictionary.Text(v[i]);
        var line = new BillingLine
        {
            BillingAccountId = Text(0)!,
            Currency = new Currency(Text(1)!),
            UsageStart = default,
            UsageEnd = default,
            InvoiceMonth = default,
            Cost = 0m,
            ProjectId = Text(3),
            ProjectName = Text(4),
            ServiceId = Text(5)!,
            ServiceDescription = Text(6)!,
            SkuId = Text(7)!,
            SkuDescription = Text(8)!,
            Region = Text(9),
            Zone = Text(10),
            ResourceName = Text(11),
            ResourceGlobalName = Text(12),
            Labels = LabelsOf(v[13]),
            ProjectLabels = LabelsOf(v[14]),
            SystemLabels = LabelsOf(v[15]),
            UsageUnit = Text(16),
            UsagePricingUnit = Text(17),
            CostType = Text(18)!,
            ConsumptionModel = Text(19),
            AdjustmentDescription = Text(20),
        };
        _shapes[id] = shape = new Shape(line, CreditShape(v[2]));
        return shape;
    }

    private Labels LabelsOf(long id)
    {
        if (id == 0) return Labels.Empty;
        if (!_labels.TryGetValue(id, out var labels)) _labels[id] = labels = Labels.FromJson(dictionary.Text(id));
        return labels;
    }

    private StoredCreditShape[] CreditShape(long id)
    {
        if (id == 0) return [];
        if (!_creditShapes.TryGetValue(id, out var shape))
            _creditShapes[id] = shape = JsonSerializer.Deserialize(dictionary.Text(id), StoreJson.Default.StoredCreditShapeArray) ?? [];
        return shape;
    }

    public void Dispose()
    {
        _keys.Dispose();
        _select?.Dispose();
    }

    /// <summary>A shape's dictionary ids (0 for absent), in the order of <see cref="Columns"/>.</summary>
    private readonly record struct ShapeIds(long Account, long Currency, long Credits, long ProjectId, long ProjectName,
        long ServiceId, long ServiceDescription, long SkuId, long SkuDescription, long Region, long Zone, long ResourceName,
        long ResourceGlobalName, long Labels, long ProjectLabels, long SystemLabels, long UsageUnit, long UsagePricingUnit,
        long CostType, long ConsumptionModel, long Adjustment)
    {
        public long[] Values() =>
        [
            Account, Currency, Credits, ProjectId, ProjectName, ServiceId, ServiceDescription, SkuId, SkuDescription, Region,
            Zone, ResourceName, ResourceGlobalName, Labels, ProjectLabels, SystemLabels, UsageUnit, UsagePricingUnit,
            CostType, ConsumptionModel, Adjustment,
        ];
    }

    /// <summary>The key of <see cref="_byInstance"/>: a line's texts, label sets and credit descriptions, compared as instances.</summary>
    private static class SameInstances
    {
        /// <summary>A bound on the cache (a shape is found by text when it is full).</summary>
        public const int MaxEntries = 200_000;

        /// <summary>Lines with more credits than this take the way by text.</summary>
        private const int MaxCredits = 4;

        public static readonly IEqualityComparer<object?[]> Comparer = new InstanceComparer();

        public static object?[]? Of(BillingLine l)
        {
            if (l.Credits.Count > MaxCredits) return null;
            var key = new object?[20 + 4 * l.Credits.Count];
            key[0] = l.BillingAccountId; key[1] = l.Currency.Code; key[2] = l.ProjectId; key[3] = l.ProjectName;
            key[4] = l.ServiceId; key[5] = l.ServiceDescription; key[6] = l.SkuId; key[7] = l.SkuDescription;
            key[8] = l.Region; key[9] = l.Zone; key[10] = l.ResourceName; key[11] = l.ResourceGlobalName;
            key[12] = l.Labels; key[13] = l.ProjectLabels; key[14] = l.SystemLabels; key[15] = l.UsageUnit;
            key[16] = l.UsagePricingUnit; key[17] = l.CostType; key[18] = l.ConsumptionModel; key[19] = l.AdjustmentDescription;
            for (var i = 0; i < l.Credits.Count; i++)
            {
                var c = l.Credits[i];
                key[20 + 4 * i] = c.Type.Name;
                key[21 + 4 * i] = c.Name;
                key[22 + 4 * i] = c.FullName;
                key[23 + 4 * i] = c.Id;
            }
            return key;
        }

        private sealed class InstanceComparer : IEqualityComparer<object?[]>
        {
            public bool Equals(object?[]? x, object?[]? y)
            {
                if (x is null || y is null || x.Length != y.Length) return false;
                for (var i = 0; i < x.Length; i++)
                    if (!ReferenceEquals(x[i], y[i])) return false;
                return true;
            }

            public int GetHashCode(object?[] key)
            {
                var hash = new HashCode();
                foreach (var item in key) hash.Add(item is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(item));
                return hash.ToHashCode();
            }
        }
    }
}
