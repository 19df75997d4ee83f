using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostModel.Store;

/// <summary>An allocation row as SQLite holds it.</summary>
internal sealed class AllocationRecord
{
    public string Day { get; init; } = "";
    public string Currency { get; init; } = "";
    public string InvoiceMonth { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Service { get; init; }
    public string? Team { get; init; }
    public string? Environment { get; init; }
    public string? Project { get; init; }
    public string CloudService { get; init; } = "";
    public string Sku { get; init; } = "";
    public string? Region { get; init; }
    public string? Cluster { get; init; }
    public string? Namespace { get; init; }
    public string? NodePool { get; init; }
    public string? Node { get; init; }
    public string? Workload { get; init; }
    public string Rule { get; init; } = "";
    public string Missing { get; init; } = "";
    public string Cost { get; init; } = "";
    public string Credits { get; init; } = "";

    public static AllocationRecord From(AllocationRow r) => new()
    {
        Day = StoreText.Day(r.Day),
        Currency = r.Currency.Code,
        InvoiceMonth = r.InvoiceMonth.ToString(),
        Kind = r.Kind.ToText(),
        Service = r.Dimensions.Service,
        Team = r.Dimensions.Team,
        Environment = r.Dimensions.Environment,
        Project = r.Dimensions.Project,
        CloudService = r.Dimensions.CloudService,
        Sku = r.Dimensions.Sku,
        Region = r.Dimensions.Region,
        Cluster = r.Dimensions.Cluster,
        Namespace = r.Dimensions.Namespace,
        NodePool = r.Dimensions.NodePool,
        Node = r.Dimensions.Node,
        Workload = r.Dimensions.Workload,
        Rule = r.Rule,
        Missing = r.Missing,
        Cost = StoreText.Decimal(r.Cost),
        Credits = StoreText.Decimal(r.Credits),
    };

    public AllocationRow ToRow() => new()
    {
        Day = StoreText.ParseDay(Day),
        Currency = new Currency(Currency),
        InvoiceMonth = Time.InvoiceMonth.Parse(InvoiceMonth),
        Kind = CostKinds.Parse(Kind),
        Dimensions = new Dimensions
        {
            Service = Service, Team = Team, Environment = Environment, Project = Project,
            CloudService = CloudService, Sku = Sku, Region = Region, Cluster = Cluster,
            Namespace = Namespace, NodePool = NodePool, Node = Node, Workload = Workload,
        },
        Rule = Rule,
        Missing = Missing,
        Cost = StoreText.ParseDecimal(Cost),
        Credits = StoreText.ParseDecimal(Credits),
    };
}

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
