using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostModel.Store;

/// <summary>A billing_line row as SQLite holds it (all text); <see cref="ToLine"/> parses it back.</summary>
internal sealed class BillingLineRow
{
    public long LoadId { get; init; }
    public string AccountId { get; init; } = "";
    public string UsageDay { get; init; } = "";
    public string UsageStart { get; init; } = "";
    public string UsageEnd { get; init; } = "";
    public string InvoiceMonth { get; init; } = "";
    public string Currency { get; init; } = "";
    public string Cost { get; init; } = "";
    public string Credits { get; init; } = "[]";
    public string CreditTotal { get; init; } = "0";
    public string? ProjectId { get; init; }
    public string? ProjectName { get; init; }
    public string ServiceId { get; init; } = "";
    public string ServiceDescription { get; init; } = "";
    public string SkuId { get; init; } = "";
    public string SkuDescription { get; init; } = "";
    public string? Region { get; init; }
    public string? Zone { get; init; }
    public string? ResourceName { get; init; }
    public string? ResourceGlobalName { get; init; }
    public string Labels { get; init; } = "{}";
    public string ProjectLabels { get; init; } = "{}";
    public string SystemLabels { get; init; } = "{}";
    public string? UsageAmount { get; init; }
    public string? UsageUnit { get; init; }
    public string? UsagePricingAmount { get; init; }
    public string? UsagePricingUnit { get; init; }
    public string? CostAtList { get; init; }
    public string? ConversionRate { get; init; }
    public string CostType { get; init; } = "regular";
    public string? ConsumptionModel { get; init; }
    public string? Adjustment { get; init; }
    public string? ExportTime { get; init; }
    public string? SourceFile { get; init; }
    public long? SourceLine { get; init; }

    /// <summary>
    /// The parameters of insert_billing_line.sql (<c>@Name</c>), each value beside its name, so that a
    /// value can only reach the column of its own name (the load prepares the command from these names).
    /// </summary>
    public (string Name, object? Value)[] Parameters() =>
    [
        (nameof(LoadId), LoadId),
        (nameof(AccountId), AccountId),
        (nameof(UsageDay), UsageDay),
        (nameof(UsageStart), UsageStart),
        (nameof(UsageEnd), UsageEnd),
        (nameof(InvoiceMonth), InvoiceMonth),
        (nameof(Currency), Currency),
        (nameof(Cost), Cost),
        (nameof(Credits), Credits),
        (nameof(CreditTotal), CreditTotal),
        (nameof(ProjectId), ProjectId),
        (nameof(ProjectName), ProjectName),
        (nameof(ServiceId), ServiceId),
        (nameof(ServiceDescription), ServiceDescription),
        (nameof(SkuId), SkuId),
        (nameof(SkuDescription), SkuDescription),
        (nameof(Region), Region),
        (nameof(Zone), Zone),
        (nameof(ResourceName), ResourceName),
        (nameof(ResourceGlobalName), ResourceGlobalName),
        (nameof(Labels), Labels),
        (nameof(ProjectLabels), ProjectLabels),
        (nameof(SystemLabels), SystemLabels),
        (nameof(UsageAmount), UsageAmount),
        (nameof(UsageUnit), UsageUnit),
        (nameof(UsagePricingAmount), UsagePricingAmount),
        (nameof(UsagePricingUnit), UsagePricingUnit),
        (nameof(CostAtList), CostAtList),
        (nameof(ConversionRate), ConversionRate),
        (nameof(CostType), CostType),
        (nameof(ConsumptionModel), ConsumptionModel),
        (nameof(Adjustment), Adjustment),
        (nameof(ExportTime), ExportTime),
        (nameof(SourceFile), SourceFile),
        (nameof(SourceLine), SourceLine),
    ];

    public static BillingLineRow From(BillingLine l, long loadId) => new()
    {
        LoadId = loadId,
        AccountId = l.BillingAccountId,
        UsageDay = StoreText.Day(l.UsageDay),
        UsageStart = StoreText.Instant(l.UsageStart),
        UsageEnd = StoreText.Instant(l.UsageEnd),
        InvoiceMonth = l.InvoiceMonth.ToString(),
        Currency = l.Currency.Code,
        Cost = StoreText.Decimal(l.Cost),
        Credits = StoreText.Credits(l.Credits),
        CreditTotal = StoreText.Decimal(l.CreditTotal),
        ProjectId = l.ProjectId,
        ProjectName = l.ProjectName,
        ServiceId = l.ServiceId,
        ServiceDescription = l.ServiceDescription,
        SkuId = l.SkuId,
        SkuDescription = l.SkuDescription,
        Region = l.Region,
        Zone = l.Zone,
        ResourceName = l.ResourceName,
        ResourceGlobalName = l.ResourceGlobalName,
        Labels = l.Labels.ToJson(),
        ProjectLabels = l.ProjectLabels.ToJson(),
        SystemLabels = l.SystemLabels.ToJson(),
        UsageAmount = StoreText.Decimal(l.UsageAmount),
        UsageUnit = l.UsageUnit,
        UsagePricingAmount = StoreText.Decimal(l.UsageAmountInPricingUnits),
        UsagePricingUnit = l.UsagePricingUnit,
        CostAtList = StoreText.Decimal(l.CostAtList),
        ConversionRate = StoreText.Decimal(l.CurrencyConversionRate),
        CostType = l.CostType,
        ConsumptionModel = l.ConsumptionModel,
        Adjustment = l.AdjustmentDescription,
        ExportTime = l.ExportTime is { } e ? StoreText.Instant(e) : null,
        SourceFile = l.Source?.File,
        SourceLine = l.Source?.Line,
    };

    public BillingLine ToLine() => new()
    {
        BillingAccountId = AccountId,
        UsageStart = StoreText.ParseInstant(UsageStart),
        UsageEnd = StoreText.ParseInstant(UsageEnd),
        InvoiceMonth = Time.InvoiceMonth.Parse(InvoiceMonth),
        Currency = new Currency(Currency),
        Cost = StoreText.ParseDecimal(Cost),
        Credits = StoreText.ParseCredits(Credits),
        ProjectId = ProjectId,
        ProjectName = ProjectName,
        ServiceId = ServiceId,
        ServiceDescription = ServiceDescription,
        SkuId = SkuId,
        SkuDescription = SkuDescription,
        Region = Region,
        Zone = Zone,
        ResourceName = ResourceName,
        ResourceGlobalName = ResourceGlobalName,
        Labels = Billing.Labels.FromJson(Labels),
        ProjectLabels = Billing.Labels.FromJson(ProjectLabels),
        SystemLabels = Billing.Labels.FromJson(SystemLabels),
        UsageAmount = StoreText.ParseDecimalOrNull(UsageAmount),
        UsageUnit = UsageUnit,
        UsageAmountInPricingUnits = StoreText.ParseDecimalOrNull(UsagePricingAmount),
        UsagePricingUnit = UsagePricingUnit,
        CostAtList = StoreText.ParseDecimalOrNull(CostAtList),
        CurrencyConversionRate = StoreText.ParseDecimalOrNull(ConversionRate),
        CostType = CostType,
        ConsumptionModel = ConsumptionModel,
        AdjustmentDescription = Adjustment,
        ExportTime = ExportTime is null ? null : StoreText.ParseInstant(ExportTime),
        Source = SourceFile is null ? null : new SourceRef(SourceFile, SourceLine ?? 0),
    };
}

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
