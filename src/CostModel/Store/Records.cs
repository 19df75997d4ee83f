using Costs.CostModel.Allocation;
using Costs.CostModel.Money;

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

    /// <summary>The parameters of insert_efficiency.sql, in the order of <see cref="Values"/>.</summary>
    public static readonly string[] Parameters =
        ["@Day", "@Currency", "@Cluster", "@Namespace", "@Workload", "@Service", "@Team", "@Environment",
         "@CpuRequest", "@CpuUsage", "@MemoryRequest", "@MemoryUsage", "@Net", "@UnusedNet"];

    /// <summary>This record as the values a <see cref="RawStatement"/> binds (a missing text is NULL).</summary>
    public object[] Values() =>
    [
        Day, Currency, Cluster, Namespace, (object?)Workload ?? DBNull.Value, (object?)Service ?? DBNull.Value,
        (object?)Team ?? DBNull.Value, (object?)Environment ?? DBNull.Value,
        CpuRequest, CpuUsage, MemoryRequest, MemoryUsage, Net, UnusedNet,
    ];

    public WorkloadEfficiency ToEfficiency() => new()
    {
        Day = StoreText.ParseDay(Day), Currency = new Currency(Currency), Cluster = Cluster, Namespace = Namespace,
        Workload = Workload, Service = Service, Team = Team, Environment = Environment,
        CpuRequest = StoreText.ParseDecimal(CpuRequest), CpuUsage = StoreText.ParseDecimal(CpuUsage),
        MemoryRequest = StoreText.ParseDecimal(MemoryRequest), MemoryUsage = StoreText.ParseDecimal(MemoryUsage),
        Net = StoreText.ParseDecimal(Net), UnusedNet = StoreText.ParseDecimal(UnusedNet),
    };
}
