using System.Globalization;
using Costs.CostAnalyzer.Allocation;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostAnalyzer.Tests.Allocation;

public class FixedAmountsTests
{
    private static readonly DateOnly Day = new(2026, 10, 5); // the day of SharedCostsTests.Row

    //  October 2026 has 31 days: 1000.00 / 31 = 32.2580…, rounded down 32.25 × 31 = 999.75, and the 25 cents left
    //  go one each to days 1 to 25 (32.26); days 26 to 31 get 32.25. 25 × 32.26 + 6 × 32.25 = 1000.00.
    //  February 2027 (28 days): 1000.00 / 28 = 35.714…, 35.71 × 28 = 999.88: days 1 to 12 get 35.72.
    [Theory]
    [InlineData("2026-10-01", "32.26")]
    [InlineData("2026-10-25", "32.26")]
    [InlineData("2026-10-26", "32.25")]
    [InlineData("2026-10-31", "32.25")]
    [InlineData("2027-02-12", "35.72")]
    [InlineData("2027-02-13", "35.71")]
    public void DayAmount_MonthlyAmount_EvenOverTheMonthsDaysLeftoverCentsToTheFirstDays(string day, string expected)
    {
        Assert.Equal(Parse(expected), FixedAmounts.DayAmount(Support(SharedSplit.Even), DateOnly.Parse(day, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(2026, 10)]
    [InlineData(2027, 2)]
    [InlineData(2028, 2)]
    public void DayAmount_EveryDayOfAMonth_AddsUpToTheAmountExactly(int year, int month)
    {
        var days = Enumerable.Range(1, DateTime.DaysInMonth(year, month)).Select(d => new DateOnly(year, month, d));
        Assert.Equal(1000.00m, days.Sum(d => FixedAmounts.DayAmount(Support(SharedSplit.Weighted), d)));
        var yen = new SharedCostOptions { MonthlyAmount = 100_000m, Currency = "JPY", Scope = SharedScope.Organisation };
        Assert.All(days, d => Assert.Equal(decimal.Round(FixedAmounts.DayAmount(yen, d), 0), FixedAmounts.DayAmount(yen, d)));
        Assert.Equal(100_000m, days.Sum(d => FixedAmounts.DayAmount(yen, d)));
    }

    //  2026-10-05, USD; namespace monitoring is shared, and the support contract (1000.00 USD a month) falls on
    //  cluster prod: 32.26 that day.
    //  cluster  namespace   service     net    weighted, cluster prod          even, organisation
    //  prod     shop        web         6.00   32.26 × 6/9 = 21.5066… → 21.51   32.26 / 3 = 10.7533… → 10.75
    //  prod     shop        api         3.00   32.26 × 3/9 = 10.7533… → 10.75   → 10.76 (the cent left, first in order)
    //  prod     monitoring  prometheus  1.80   (shared itself: no share)        (no share)
    //  dev      tools       tool        5.00   (other cluster)                  → 10.75
    //  Weighted: rounded down 21.50 + 10.75 = 32.25; the cent left goes to the largest remainder (web, .0066).
    [Theory]
    [InlineData(SharedScope.Cluster, SharedSplit.Weighted, "21.51", "10.75", "0")]
    [InlineData(SharedScope.Organisation, SharedSplit.Even, "10.75", "10.76", "10.75")]
    public void Spread_SupportContract_AsHandComputed(SharedScope scope, SharedSplit by, string web, string api, string tool)
    {
        var support = Support(by);
        support.Scope = scope;
        support.Cluster = scope == SharedScope.Cluster ? "prod" : null;
        var options = new AllocationOptions { Shared = [new() { Namespaces = ["monitoring"] }, support] };
        AllocationRow[] rows = [Row("prod", "shop", "web", 6m), Row("prod", "shop", "api", 3m), Row("prod", "monitoring", "prometheus", 1.8m),
            Row("dev", "tools", "tool", 5m)];

        var shares = FixedAmounts.Spread(rows, [Day], options);

        decimal To(string service) => shares.Where(r => r.Dimensions.Service == service).Sum(r => r.Cost);
        Assert.Equal((Parse(web), Parse(api), Parse(tool), 0m), (To("web"), To("api"), To("tool"), To("prometheus")));
        Assert.Equal(32.26m, shares.Sum(r => r.Cost));
        Assert.All(shares, r => Assert.Equal((CostKind.Fixed, FixedAmounts.CloudService, "support", 0m), (r.Kind, r.Dimensions.CloudService, r.Dimensions.Sku, r.Credits)));
        Assert.Equal($"fixed amount support: 1000.00 USD a month by {(by == SharedSplit.Even ? "even" : "weighted")}, " +
            (scope == SharedScope.Cluster ? "cluster prod" : "organisation"), shares[0].Rule);
    }

    [Fact]
    public void Spread_NoReceiverThatDay_OneRowWithoutAServiceNeverDropped()
    {
        var support = Support(SharedSplit.Weighted);
        support.Cluster = "staging";

        var row = Assert.Single(FixedAmounts.Spread([Row("prod", "shop", "web", 6m)], [Day], new AllocationOptions { Shared = [support] }));

        Assert.Equal((null, 32.26m), (row.Dimensions.Service, row.Cost));
        Assert.EndsWith(": no receiver that day", row.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedCostsAndFixedAmounts_AllThreeSortsAnyRows_BillConservedAndFixedAmountsExact()
    {
        var labelled = new SharedCostOptions { Name = "platform", Labels = new() { ["cost-share"] = "platform" } };
        var rowGen =
            from day in Gen.Choose(1, 3)
            from cluster in Gen.Elements("prod", "dev")
            from ns in Gen.Elements("shop", "monitoring", "logging", "security")
            from service in Gen.Elements("a", "b", "c")
            from label in Gen.Elements(false, false, true)
            from kind in Gen.Elements(CostKind.Allocated, CostKind.Allocated, CostKind.Idle, CostKind.Overhead, CostKind.Unallocated)
            from currency in Gen.Elements(Currency.Usd, new Currency("EUR"))
            from cost in Gen.Choose(0, 5_000_000)
            from credit in Gen.Choose(-1_000_000, 0)
            select Row(cluster, ns, service, cost / 1_000_000m) with
            {
                Day = new DateOnly(2026, 10, day), Kind = kind, Currency = currency, Credits = credit / 1_000_000m,
                SharedBy = label ? SharedCostOptions.LabelPolicy([labelled], Labels.Of(("cost-share", "platform"))) : null,
            };
        var optionsGen =
            from scope in Gen.Elements(SharedScope.Cluster, SharedScope.Organisation)
            from split in Gen.Elements(SharedSplit.Weighted, SharedSplit.Even)
            from amount in Gen.Choose(1, 10_000_000)
            from cluster in Gen.Elements("prod", "dev", "gone")
            select new AllocationOptions
            {
                Shared =
                [
                    new() { Namespaces = ["monitoring", "log*"], Scope = scope, By = split },
                    new() { Name = "platform", Labels = new() { ["cost-share"] = "platform" }, Scope = scope, By = split },
                    new() { Name = "support", MonthlyAmount = amount / 100m, Currency = "USD", By = split,
                        Scope = scope, Cluster = scope == SharedScope.Cluster ? cluster : null },
                ],
            };
        Prop.ForAll(Gen.ListOf(rowGen).ToArbitrary(), optionsGen.ToArbitrary(), (rows, options) =>
        {
            Assert.Empty(options.Validate());
            var days = Enumerable.Range(1, 3).Select(d => new DateOnly(2026, 10, d)).ToList();
            var shared = SharedCosts.Apply(rows.ToList(), options);
            var fixedShares = FixedAmounts.Spread(rows.ToList(), days, options);
            var billed = rows.GroupBy(r => (r.Day, r.Currency, r.InvoiceMonth))
                .Select(g => new BilledDay(g.Key.Day, g.Key.Currency, g.Key.InvoiceMonth, g.Sum(r => r.Cost), g.Sum(r => r.Credits)))
                .ToList();
            var support = options.Shared[2];
            return Conservation.Check(shared, billed).Count == 0
                && days.All(d => fixedShares.Where(r => r.Day == d).Sum(r => r.Cost) == FixedAmounts.DayAmount(support, d))
                && fixedShares.All(r => r.Kind == CostKind.Fixed && r.Currency == Currency.Usd && decimal.Round(r.Cost, 2) == r.Cost);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("""{ "Namespaces": ["monitoring"], "MonthlyAmount": 10, "Currency": "USD", "Cluster": "prod" }""",
        "Allocation:Shared:0: give exactly one of Namespaces, Labels or MonthlyAmount (it gives 2).")]
    [InlineData("""{ "MonthlyAmount": 10 , "Cluster": "prod" }""",
        "Allocation:Shared:0:Currency: '' is not an ISO 4217 code (USD, EUR, …); a MonthlyAmount needs one.")]
    [InlineData("""{ "MonthlyAmount": 10.005, "Currency": "USD", "Cluster": "prod" }""",
        "Allocation:Shared:0:MonthlyAmount: 10.005 has more decimal places than USD has (2).")]
    [InlineData("""{ "MonthlyAmount": -5, "Currency": "USD", "Cluster": "prod" }""",
        "Allocation:Shared:0:MonthlyAmount: -5 is not a positive amount below 10^12.")]
    [InlineData("""{ "MonthlyAmount": 10, "Currency": "USD" }""",
        "Allocation:Shared:0:Cluster: a MonthlyAmount with Scope Cluster names the cluster whose workloads carry it (or use Scope Organisation).")]
    [InlineData("""{ "MonthlyAmount": 10, "Currency": "USD", "Scope": 1, "Cluster": "prod" }""",
        "Allocation:Shared:0:Cluster: 'prod' is given with Scope Organisation; set Scope to Cluster to charge that cluster only.")]
    [InlineData("""{ "Labels": { "cost-share": "x" }, "Cluster": "prod" }""",
        "Allocation:Shared:0: Currency and Cluster belong to a MonthlyAmount; namespaces and labels are shared within their own cluster (Scope Cluster) or the organisation.")]
    public void Validate_WrongSharedItem_ErrorWithItsPath(string item, string expected)
    {
        var options = new AllocationOptions { Shared = [System.Text.Json.JsonSerializer.Deserialize<SharedCostOptions>(item)!] };

        Assert.Contains(expected, options.Validate());
    }

    [Fact]
    public void Validate_TwoItemsOfOneName_ErrorNamesBoth()
    {
        var options = new AllocationOptions { Shared = [Support(SharedSplit.Even), Support(SharedSplit.Weighted)] };

        Assert.Equal(["Allocation:Shared:1:Name: 'support' is also the name of Shared:0; each shared cost's rule names it, so give each its own Name."],
            options.Validate());
    }

    private static SharedCostOptions Support(SharedSplit by) =>
        new() { Name = "support", MonthlyAmount = 1000.00m, Currency = "USD", Cluster = "prod", By = by };

    private static decimal Parse(string text) => SharedCostsTests.Parse(text);

    private static AllocationRow Row(string cluster, string? ns, string? service, decimal cost) =>
        SharedCostsTests.Row(cluster, ns, service, cost);
}
