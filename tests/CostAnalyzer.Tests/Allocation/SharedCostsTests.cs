using Costs.CostAnalyzer.Allocation;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostAnalyzer.Tests.Allocation;

public class SharedCostsTests
{
    private static readonly DateOnly Day = new(2026, 10, 5);

    //  one day, USD; namespace monitoring is shared
    //  cluster  namespace   service      net    weighted, cluster   even, cluster   weighted, organisation
    //  prod     shop        web          6.00   +1.20               +0.90           +0.771428571
    //  prod     shop        api          3.00   +0.60               +0.90           +0.385714286
    //  prod     monitoring  prometheus   1.80   → shared            → shared        → shared
    //  dev      tools       tool         5.00   +0                  +0              +0.642857143
    //  organisation-wide: 1.80 × 6/14, 3/14, 5/14 = 0.7714285714…, 0.3857142857…, 0.6428571428…; rounded down to
    //  9 places they leave 2 nano-units, which go to the largest remainders (tool .8, api .7).
    private static readonly AllocationRow[] Scenario =
    [
        Row("prod", "shop", "web", 6m),
        Row("prod", "shop", "api", 3m),
        Row("prod", "monitoring", "prometheus", 1.8m),
        Row("dev", "tools", "tool", 5m),
    ];

    [Theory]
    [InlineData(SharedScope.Cluster, SharedSplit.Weighted, "1.20", "0.60", "0")]
    [InlineData(SharedScope.Cluster, SharedSplit.Even, "0.90", "0.90", "0")]
    [InlineData(SharedScope.Organisation, SharedSplit.Weighted, "0.771428571", "0.385714286", "0.642857143")]
    public void Apply_SharedNamespace_AsHandComputed(SharedScope scope, SharedSplit by, string web, string api, string tool)
    {
        var options = new AllocationOptions { Shared = [new() { Namespaces = ["monitoring"], Scope = scope, By = by }] };

        var rows = SharedCosts.Apply(Scenario, options);

        decimal SharedTo(string service) => rows.Where(r => r.Shared && r.Dimensions.Service == service).Sum(r => r.Cost);
        Assert.Equal((Parse(web), Parse(api), Parse(tool)), (SharedTo("web"), SharedTo("api"), SharedTo("tool")));
        Assert.DoesNotContain(rows, r => r.Dimensions.Service == "prometheus");
        Assert.Equal(15.8m, rows.Sum(r => r.Cost));
        var share = rows.First(r => r.Shared);
        Assert.Equal((CostKind.Allocated, "monitoring", "prod"), (share.Kind, share.Dimensions.Namespace, share.Dimensions.Cluster));
        Assert.StartsWith("shared from namespace monitoring by " + (by == SharedSplit.Even ? "even" : "weighted"), share.Rule, StringComparison.Ordinal);
    }

    //  one day, USD; pods labelled cost-share=platform (vault, in namespace security) are shared
    //  cluster  namespace  service  net    weighted, cluster        even, cluster
    //  prod     shop       web      6.00   +2.70 × 6/9 = 1.80       +1.35
    //  prod     shop       api      3.00   +2.70 × 3/9 = 0.90       +1.35
    //  prod     security   vault    2.70   → shared                 → shared
    [Theory]
    [InlineData(SharedSplit.Weighted, "1.80", "0.90")]
    [InlineData(SharedSplit.Even, "1.35", "1.35")]
    public void Apply_LabelledPods_AsHandComputed(SharedSplit by, string web, string api)
    {
        var policy = new SharedCostOptions { Name = "platform", Labels = new() { ["cost-share"] = "platform" }, By = by };
        var vault = Row("prod", "security", "vault", 2.7m) with
        {
            SharedBy = SharedCostOptions.LabelPolicy([policy], Labels.Of(("app", "vault")), Labels.Of(("cost-share", "platform"))),
        };
        AllocationRow[] rows = [Row("prod", "shop", "web", 6m), Row("prod", "shop", "api", 3m), vault];

        var shared = SharedCosts.Apply(rows, new AllocationOptions { Shared = [policy] });

        decimal SharedTo(string service) => shared.Where(r => r.Shared && r.Dimensions.Service == service).Sum(r => r.Cost);
        Assert.Equal((Parse(web), Parse(api)), (SharedTo("web"), SharedTo("api")));
        Assert.DoesNotContain(shared, r => r.Dimensions.Service == "vault");
        Assert.Equal(11.7m, shared.Sum(r => r.Cost));
        var share = shared.First(r => r.Shared);
        Assert.Equal(("security", $"shared from platform by {(by == SharedSplit.Even ? "even" : "weighted")}, cluster prod"),
            (share.Dimensions.Namespace, share.Rule));
    }

    [Theory]
    [InlineData("platform", "", true)]        // the pod's own label
    [InlineData("", "platform", true)]        // the namespace's label, for a key the pod lacks
    [InlineData("web", "platform", false)]    // the pod's own value wins over its namespace's
    [InlineData("", "", false)]
    public void LabelPolicy_PodThenNamespaceLabels_FirstMatchingPolicy(string podValue, string nsValue, bool selected)
    {
        var policy = new SharedCostOptions { Name = "platform", Labels = new() { ["cost-share"] = "platform", ["tier"] = "infra" } };
        var pod = Labels.Of([("tier", "infra"), .. podValue.Length > 0 ? new[] { ("cost-share", podValue) } : []]);
        var ns = nsValue.Length > 0 ? Labels.Of(("cost-share", nsValue)) : Labels.Empty;

        Assert.Equal(selected ? "platform" : null, SharedCostOptions.LabelPolicy([policy], pod, ns));
    }

    [Fact]
    public void LabelPolicy_LabelsWrittenAsKeyValueList_ReadAsThePairs()
    {
        // ["cost-share=platform", "tier=infra"] in the configuration file binds to the map as "0" and "1".
        var policy = new SharedCostOptions { Labels = new() { ["0"] = "cost-share=platform", ["1"] = "tier=infra" } };

        Assert.Equal("labels cost-share=platform,tier=infra",
            SharedCostOptions.LabelPolicy([policy], Labels.Of(("cost-share", "platform"), ("tier", "infra"))));
        Assert.Null(SharedCostOptions.LabelPolicy([policy], Labels.Of(("cost-share", "platform"))));
        Assert.Empty(new AllocationOptions { Shared = [policy] }.Validate());
    }

    [Fact]
    public void Apply_IdleToTeam_AllocatedToThatTeamAndMarkedShared()
    {
        var idle = Row("prod", null, null, 2m) with { Kind = CostKind.Idle };

        var row = Assert.Single(SharedCosts.Apply([idle], new AllocationOptions { IdleTeam = "platform" }));

        Assert.Equal((CostKind.Allocated, "platform", 2m, true), (row.Kind, row.Dimensions.Team, row.Cost, row.Shared));
        Assert.Equal("shared from idle to team platform", row.Rule);
    }

    [Fact]
    public void Apply_NoReceiverInTheCluster_RowStaysWhereItWas()
    {
        var alone = Row("ops", "monitoring", "prometheus", 1m);

        var row = Assert.Single(SharedCosts.Apply([alone], new AllocationOptions { Shared = [new() { Namespaces = ["monitor*"] }] }));

        Assert.Equal(alone, row);
    }

    [Fact]
    public void Apply_TwoSourcesToOneService_OneRowWithTheirSum()
    {
        AllocationRow[] rows = [Row("prod", "shop", "web", 6m), Row("prod", "monitoring", "prometheus", 1m), Row("prod", "monitoring", "grafana", 0.5m)];

        var shared = SharedCosts.Apply(rows, new AllocationOptions { Shared = [new() { Name = "observability", Namespaces = ["monitoring"] }] });

        var share = Assert.Single(shared, r => r.Shared);
        Assert.Equal((1.5m, "web", "shared from observability by weighted, cluster prod"), (share.Cost, share.Dimensions.Service, share.Rule));
    }

    [Fact]
    public void Apply_AnyRowsAnyPolicy_ConservesEveryDayCurrencyAndMonthExactly()
    {
        var rowGen =
            from day in Gen.Choose(1, 3)
            from cluster in Gen.Elements("prod", "dev")
            from ns in Gen.Elements("shop", "monitoring", "logging", "kube-system")
            from service in Gen.Elements("a", "b", "c")
            from kind in Gen.Elements(CostKind.Allocated, CostKind.Allocated, CostKind.Idle, CostKind.Overhead, CostKind.Unallocated)
            from currency in Gen.Elements(Currency.Usd, new Currency("EUR"))
            from cost in Gen.Choose(0, 5_000_000)
            from credit in Gen.Choose(-1_000_000, 0)
            select Row(cluster, ns, service, cost / 1_000_000m) with
            {
                Day = new DateOnly(2026, 10, day), Kind = kind, Currency = currency, Credits = credit / 1_000_000m,
            };
        var optionsGen =
            from scope in Gen.Elements(SharedScope.Cluster, SharedScope.Organisation)
            from split in Gen.Elements(SharedSplit.Weighted, SharedSplit.Even)
            from idleTeam in Gen.Elements<string?>(null, "platform")
            select new AllocationOptions
            {
                Shared = [new() { Namespaces = ["monitoring", "log*"], Scope = scope, By = split }],
                IdleTeam = idleTeam,
            };
        Prop.ForAll(Gen.ListOf(rowGen).ToArbitrary(), optionsGen.ToArbitrary(), (rows, options) =>
        {
            var shared = SharedCosts.Apply(rows.ToList(), options);
            var billed = rows.GroupBy(r => (r.Day, r.Currency, r.InvoiceMonth))
                .Select(g => new BilledDay(g.Key.Day, g.Key.Currency, g.Key.InvoiceMonth, g.Sum(r => r.Cost), g.Sum(r => r.Credits)))
                .ToList();
            return Conservation.Check(shared, billed).Count == 0;
        }).QuickCheckThrowOnFailure();
    }

    internal static decimal Parse(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An allocated USD row of 2026-10-05 (also the fixture of <see cref="FixedAmountsTests"/>).</summary>
    internal static AllocationRow Row(string cluster, string? ns, string? service, decimal cost) => new()
    {
        Day = Day,
        Currency = Currency.Usd,
        InvoiceMonth = InvoiceMonth.Of(Day),
        Kind = CostKind.Allocated,
        Dimensions = new Dimensions { Service = service, Cluster = cluster, Namespace = ns, CloudService = "Compute Engine" },
        Rule = "label",
        Cost = cost,
        Credits = 0m,
    };
}
