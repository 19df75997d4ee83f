using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostModel.Store;

/// <summary>An efficiency row as SQLite holds it.</summary>
internal sealed class EfficiencyRecord
{
    public string Day { get; init; } = "";
    public string Currency { get; init; } = "";
    public string Cluster { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string? Workload { get; init; }
    public string? Service { get; init; }
    public string? Team { get; init; }
    public string? Environment { get; init; }
    public string CpuRequest { get; init; } = "0";
    public string CpuUsage { get; init; } = "0";
    public string MemoryRequest { get; init; } = "0";
    public string MemoryUsage { get; init; } = "0";
    public string Net { get; init; } = "0";
    public string UnusedNet { get; init; } = "0";

    public static EfficiencyRecord From(WorkloadEfficiency e) => new()
    {
        Day = StoreText.Day(e.Day), Currency = e.Currency.Code, Cluster = e.Cluster, Namespace = e.Namespace,
        Workload = e.Workload, Service = e.Service, Team = e.Team, Environment = e.Environment,
        CpuRequest = StoreText.Decimal(e.CpuRequest), CpuUsage = StoreText.Decimal(e.CpuUsage),
        MemoryRequest = StoreText.Decimal(e.MemoryRequest), MemoryUsage = StoreText.Decimal(e.MemoryUsage),
        Net = StoreText.Decimal(e.Net), UnusedNet = StoreText.Decimal(e.UnusedNet),
    };

    public WorkloadEfficiency ToEfficiency() => new()
    {
        Day = StoreText.ParseDay(Day), Currency = new Currency(Currency), Cluster = Cluster, Namespace = Namespace,
        Workload = Workload, Service = Service, Team = Team, Environment = Environment,
        CpuRequest = StoreText.ParseDecimal(CpuRequest), CpuUsage = StoreText.ParseDecimal(CpuUsage),
        MemoryRequest = StoreText.ParseDecimal(MemoryRequest), MemoryUsage = StoreText.ParseDecimal(MemoryUsage),
        Net = StoreText.ParseDecimal(Net), UnusedNet = StoreText.ParseDecimal(UnusedNet),
    };
}

/// <summary>
/// Reads allocation rows (select_allocations.sql, select_fixed_shares.sql: day, currency, invoice month,
/// kind, the twelve dimensions, rule, missing, cost, credits) through SQLite's own API. Rows of a range
/// repeat their texts, so each column keeps the last text it read and reuses it when the next row holds the same.
/// </summary>
internal sealed class AllocationReader
{
    private readonly string?[] _last = new string?[18];
    private readonly Dictionary<string, Currency> _currencies = new(StringComparer.Ordinal);

    public AllocationRow Read(RawStatement r)
    {
        var currency = Text(r, 1)!;
        if (!_currencies.TryGetValue(currency, out var c)) _currencies[currency] = c = new Currency(currency);
        return new AllocationRow
        {
            Day = StoreText.ParseDay(Text(r, 0)!),
            Currency = c,
            InvoiceMonth = Time.InvoiceMonth.Parse(Text(r, 2)!),
            Kind = CostKinds.Parse(Text(r, 3)!),
            Dimensions = new Dimensions
            {
                Service = Text(r, 4), Team = Text(r, 5), Environment = Text(r, 6), Project = Text(r, 7),
                CloudService = Text(r, 8)!, Sku = Text(r, 9)!, Region = Text(r, 10), Cluster = Text(r, 11),
                Namespace = Text(r, 12), NodePool = Text(r, 13), Node = Text(r, 14), Workload = Text(r, 15),
            },
            Rule = Text(r, 16)!,
            Missing = Text(r, 17)!,
            Cost = StoreText.ParseDecimal(r.Text(18)),
            Credits = StoreText.ParseDecimal(r.Text(19)),
        };
    }

    private string? Text(RawStatement r, int column)
    {
        if (r.IsNull(column)) return null;
        var text = r.Text(column);
        if (string.Equals(text, _last[column], StringComparison.Ordinal)) return _last[column];
        return _last[column] = text;
    }
}

/// <summary>Inserts allocation rows (insert_allocation.sql, insert_fixed_share.sql) with one prepared statement.</summary>
internal sealed class AllocationInsert : IDisposable
{
    private static readonly string[] Parameters =
    [
        "@Day", "@Currency", "@InvoiceMonth", "@Kind", "@Service", "@Team", "@Environment", "@Project", "@CloudService", "@Sku",
        "@Region", "@Cluster", "@Namespace", "@NodePool", "@Node", "@Workload", "@Rule", "@Missing", "@Cost", "@Credits",
    ];

    private readonly RawStatement _insert;
    private readonly int[] _indexes;

    public AllocationInsert(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        _insert = new RawStatement(connection, sql);
        _indexes = Parameters.Select(_insert.ParameterIndex).ToArray();
    }

    public void Add(AllocationRow r)
    {
        var d = r.Dimensions;
        string?[] values =
        [
            StoreText.Day(r.Day), r.Currency.Code, r.InvoiceMonth.ToString(), r.Kind.ToText(), d.Service, d.Team, d.Environment,
            d.Project, d.CloudService, d.Sku, d.Region, d.Cluster, d.Namespace, d.NodePool, d.Node, d.Workload, r.Rule, r.Missing,
            StoreText.Decimal(r.Cost), StoreText.Decimal(r.Credits),
        ];
        for (var i = 0; i < values.Length; i++) _insert.Bind(_indexes[i], (object?)values[i] ?? DBNull.Value);
        _insert.Step();
    }

    public void Dispose() => _insert.Dispose();
}
