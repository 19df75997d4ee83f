using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// What an allocation row says besides its day, month, currency and money (migration 0018): its kind, the
/// twelve dimensions, the rule and the missing labels. Stored once in allocation_shape as dictionary ids.
/// </summary>
internal readonly record struct AllocationShapeTexts(string Kind, string? Service, string? Team, string? Environment,
    string? Project, string CloudService, string Sku, string? Region, string? Cluster, string? Namespace, string? NodePool,
    string? Node, string? Workload, string Rule, string Missing)
{
    public static AllocationShapeTexts Of(AllocationRow r)
    {
        var d = r.Dimensions;
        return new(r.Kind.ToText(), d.Service, d.Team, d.Environment, d.Project, d.CloudService, d.Sku, d.Region, d.Cluster,
            d.Namespace, d.NodePool, d.Node, d.Workload, r.Rule, r.Missing);
    }

    /// <summary>The texts in the order of allocation_shape's columns (and of the readers' order).</summary>
    public string?[] Values() =>
        [Kind, Service, Team, Environment, Project, CloudService, Sku, Region, Cluster, Namespace, NodePool, Node, Workload, Rule, Missing];

    /// <summary>
    /// The order the readers return rows of a day in, as SQLite ordered the text columns before 0018: column by
    /// column, a null first, texts by their UTF-8 bytes (which is the order of their code points).
    /// </summary>
    public static int Compare(string?[] a, string?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = CompareUtf8(a[i], b[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>Texts in the order of their UTF-8 bytes, a null before any text.</summary>
    public static int CompareUtf8(string? a, string? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y) continue;
            // UTF-16 puts a surrogate (a code point past U+FFFF) before U+E000..U+FFFF; UTF-8 puts it after.
            var sx = char.IsSurrogate(x);
            if (sx != char.IsSurrogate(y)) return sx ? 1 : -1;
            return x < y ? -1 : 1;
        }
        return a.Length.CompareTo(b.Length);
    }
}

/// <summary>
/// Writes allocation rows of some days (insert_allocation.sql or insert_fixed_share.sql) in the compact form of
/// migration 0018: each day's rows sorted into the readers' order and numbered, so that a day is one range of ids
/// read back in order; each row's shape found or added once per distinct shape.
/// </summary>
internal sealed class AllocationWriter(SqliteConnection connection, StoreDictionary dictionary) : IDisposable
{
    /// <summary>The parameters of allocation_shape_insert.sql after @Key, in the order of <see cref="AllocationShapeTexts.Values"/>.</summary>
    private static readonly string[] ShapeParameters =
    [
        "@Kind", "@Service", "@Team", "@Environment", "@Project", "@CloudService", "@Sku", "@Region", "@Cluster", "@Namespace",
        "@NodePool", "@Node", "@Workload", "@Rule", "@Missing",
    ];

    private readonly Dictionary<AllocationShapeTexts, long> _shapes = [];
    private readonly ShapeKeys _keys = new(connection, "an allocation shape", Sql.AllocationShapeSelectId, Sql.AllocationShapeInsert, ShapeParameters);

    /// <summary>Writes <paramref name="rows"/> with <paramref name="insertSql"/>; the days they fall on must be empty.</summary>
    public async Task WriteAsync(string insertSql, IReadOnlyList<AllocationRow> rows, CancellationToken ct)
    {
        var shapeOf = new long[rows.Count];
        var texts = new Dictionary<long, string?[]>();
        for (var i = 0; i < rows.Count; i++)
        {
            var shape = AllocationShapeTexts.Of(rows[i]);
            shapeOf[i] = await ShapeIdAsync(shape, ct);
            if (!texts.ContainsKey(shapeOf[i])) texts[shapeOf[i]] = shape.Values();
        }
        // A shape's place among the shapes of these rows, so that rows sort by comparing two numbers.
        var rank = texts.OrderBy(t => t.Value, Comparer<string?[]>.Create(AllocationShapeTexts.Compare))
            .Select((t, i) => (t.Key, Rank: i)).ToDictionary(t => t.Key, t => t.Rank);
        var rankOf = shapeOf.Select(s => rank[s]).ToArray();
        var order = Enumerable.Range(0, rows.Count).ToArray();
        Array.Sort(order, (x, y) => CompareRows(rows[x], rankOf[x], rows[y], rankOf[y]));

        using var insert = new RawStatement(connection, insertSql);
        int id = insert.ParameterIndex("@Id"), shapeParameter = insert.ParameterIndex("@Shape"), month = insert.ParameterIndex("@InvoiceMonth"),
            currency = insert.ParameterIndex("@Currency"), cost = insert.ParameterIndex("@Cost"), credits = insert.ParameterIndex("@Credits");
        var n = 0L;
        DateOnly? day = null;
        foreach (var i in order)
        {
            var r = rows[i];
            if (r.Day != day) (day, n) = (r.Day, 0);
            insert.Bind(id, BillingLineCodec.FirstId(r.Day) + n++);
            insert.Bind(shapeParameter, shapeOf[i]);
            insert.Bind(month, BillingLineCodec.Month(r.InvoiceMonth));
            insert.Bind(currency, await dictionary.IdAsync(r.Currency.Code, ct));
            insert.Bind(cost, StoreValues.Exact(r.Cost));
            insert.Bind(credits, StoreValues.Exact(r.Credits));
            insert.Step();
            FaultPoint.RowStored();
        }
    }

    private static int CompareRows(AllocationRow a, int rankA, AllocationRow b, int rankB)
    {
        var c = a.Day.CompareTo(b.Day);
        if (c == 0) c = rankA.CompareTo(rankB);
        // yyyymm: its text and its number sort alike.
        if (c == 0) c = a.InvoiceMonth.CompareTo(b.InvoiceMonth);
        if (c == 0) c = AllocationShapeTexts.CompareUtf8(a.Currency.Code, b.Currency.Code);
        return c;
    }

    private async ValueTask<long> ShapeIdAsync(AllocationShapeTexts shape, CancellationToken ct)
    {
        if (_shapes.TryGetValue(shape, out var known)) return known;
        var texts = shape.Values();
        var ids = new object[texts.Length];
        for (var i = 0; i < texts.Length; i++) ids[i] = await dictionary.IdAsync(texts[i], ct);
        return _shapes[shape] = _keys.IdOf(ids);
    }

    public void Dispose()
    {
        _keys.Dispose();
    }
}

/// <summary>
/// Reads allocation rows (select_allocations.sql, select_fixed_shares.sql: id, shape, invoice month, currency, cost,
/// credits) through SQLite's own API. Each shape is read once, with its texts; the rows of a shape share its
/// <see cref="Dimensions"/>, rule and missing texts.
/// </summary>
internal sealed class AllocationReader(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<long, Shape> _shapes = [];
    private readonly Dictionary<long, Currency> _currencies = [];
    private RawStatement? _selectShape;
    private RawStatement? _selectText;

    private sealed record Shape(CostKind Kind, Dimensions Dimensions, string Rule, string Missing);

    public AllocationRow Read(RawStatement r)
    {
        var shape = ShapeOf(r.Int64(1));
        return new AllocationRow
        {
            Day = DateOnly.FromDayNumber((int)(r.Int64(0) >> 32)),
            Currency = CurrencyOf(r.Int64(3)),
            InvoiceMonth = BillingLineCodec.Month(r.Int64(2)),
            Kind = shape.Kind,
            Dimensions = shape.Dimensions,
            Rule = shape.Rule,
            Missing = shape.Missing,
            Cost = StoreValues.ReadExact(r, 4),
            Credits = StoreValues.ReadExact(r, 5),
        };
    }

    private Shape ShapeOf(long id)
    {
        if (_shapes.TryGetValue(id, out var shape)) return shape;
        _selectShape ??= new RawStatement(connection, Sql.AllocationShapeSelect);
        _selectShape.Bind(1, id);
        if (!_selectShape.Step()) throw new InvalidOperationException($"The store is damaged: allocation shape {id} or one of its texts is missing.");
        string? Text(int column) => _selectShape.IsNull(column) ? null : _selectShape.Text(column);
        shape = new Shape(CostKinds.Parse(Text(0)!), new Dimensions
        {
            Service = Text(1), Team = Text(2), Environment = Text(3), Project = Text(4), CloudService = Text(5)!, Sku = Text(6)!,
            Region = Text(7), Cluster = Text(8), Namespace = Text(9), NodePool = Text(10), Node = Text(11), Workload = Text(12),
        }, Text(13)!, Text(14)!);
        _selectShape.Step();
        return _shapes[id] = shape;
    }

    private Currency CurrencyOf(long id)
    {
        if (_currencies.TryGetValue(id, out var currency)) return currency;
        _selectText ??= new RawStatement(connection, Sql.DictionarySelectText);
        _selectText.Bind(1, id);
        if (!_selectText.Step()) throw new InvalidOperationException($"The store is damaged: dictionary entry {id} is missing.");
        currency = new Currency(_selectText.Text(0));
        _selectText.Step();
        return _currencies[id] = currency;
    }

    public void Dispose()
    {
        _selectShape?.Dispose();
        _selectText?.Dispose();
    }
}
