using Costs.CostAnalyzer.Allocation;
using Costs.CostAnalyzer.Attribution;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostAnalyzer.Tests.Allocation;

public class BillingAllocatorTests
{
    private static readonly Gen<BillingLine> LineGen =
        from day in Gen.Choose(1, 5)
        from hour in Gen.Choose(0, 23)
        from currency in Gen.Elements("USD", "EUR")
        from app in Gen.Elements<string?>("cart", "web", null)
        from env in Gen.Elements<string?>("prod", "staging", null)
        from project in Gen.Elements("a-prod", "b-dev", "shared")
        from costMicros in Gen.Choose(0, 50_000_000)
        from places in Gen.Choose(0, 9)
        from credits in Gen.ListOf(Gen.Choose(-5_000_000, 0))
        select new BillingLine
        {
            BillingAccountId = "A",
            UsageStart = new DateTimeOffset(2026, 10, day, hour, 0, 0, TimeSpan.Zero),
            UsageEnd = new DateTimeOffset(2026, 10, day, hour, 0, 0, TimeSpan.Zero).AddHours(1),
            InvoiceMonth = new InvoiceMonth(2026, day == 5 ? 11 : 10),
            Currency = new Currency(currency),
            Cost = costMicros / (decimal)Math.Pow(10, places),
            Credits = credits.Select(c => new Credit(CreditType.SustainedUsageDiscount, c / 1_000_000m)).ToList(),
            ProjectId = project,
            Labels = Labels.From(new[] { ("app", app), ("env", env) }.Where(p => p.Item2 is not null)
                .Select(p => KeyValuePair.Create(p.Item1, p.Item2!))),
        };

    [Fact]
    public void Build_AnyLines_ConservesEveryDayCurrencyAndInvoiceMonth()
    {
        var options = new AttributionOptions { ProjectEnvironments = [new() { Pattern = "*-prod", Environment = "production" }] };
        Prop.ForAll(Gen.ListOf(LineGen).ToArbitrary(), lines =>
        {
            var allocator = new BillingAllocator(new Attributor(options));
            foreach (var l in lines) allocator.Add(l);
            var result = allocator.Build();
            var billedNet = lines.Sum(l => l.Net);
            return Conservation.Check(result.Rows, result.Billed).Count == 0
                && result.Rows.Sum(r => r.Net) == billedNet
                && result.Billed.Sum(b => b.Net) == billedNet;
        }).QuickCheckThrowOnFailure();
    }

    // The allocator keeps only the current day's line signatures; lines of days in any order still land in
    // the same shares as lines in day order.
    [Fact]
    public void Build_LinesOfDaysInAnyOrder_SameRowsAsInDayOrder()
    {
        var options = new AttributionOptions { ProjectEnvironments = [new() { Pattern = "*-prod", Environment = "production" }] };
        Prop.ForAll(Gen.ListOf(LineGen).ToArbitrary(), lines =>
        {
            static IEnumerable<string> Rows(IEnumerable<BillingLine> fed, AttributionOptions options)
            {
                var allocator = new BillingAllocator(new Attributor(options));
                foreach (var l in fed) allocator.Add(l);
                return allocator.Build().Rows.Select(r => $"{r.Day} {r.Currency} {r.InvoiceMonth} {r.Kind} {r.Dimensions} {r.Rule} {r.Missing} {r.Cost} {r.Credits}")
                    .Order(StringComparer.Ordinal);
            }
            return Rows(lines, options).SequenceEqual(Rows(lines.OrderBy(l => l.UsageStart), options));
        }).QuickCheckThrowOnFailure();
    }

    //  GKE cost allocation, one hour:  k8s-namespace  k8s-label/app  k8s-label/cost-share  cost
    //                                 shop           web            -                     6.00
    //                                 security       vault          platform              2.00  → shared by label, to web
    [Fact]
    public void Add_GkeLabelledLineThatALabelPolicySelects_MarkedAndSharedByIt()
    {
        var policy = new SharedCostOptions { Name = "platform", Labels = new() { ["cost-share"] = "platform" }, Scope = SharedScope.Cluster };
        var allocator = new BillingAllocator(new Attributor(new AttributionOptions()), null, [policy]);
        BillingLine Gke(string ns, decimal cost, params (string, string)[] podLabels) => new()
        {
            BillingAccountId = "A",
            UsageStart = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
            UsageEnd = new DateTimeOffset(2026, 10, 1, 1, 0, 0, TimeSpan.Zero),
            InvoiceMonth = new InvoiceMonth(2026, 10), Currency = Currency.Usd, Cost = cost, ProjectId = "acme-prod",
            Labels = Labels.Of([("goog-k8s-cluster-name", "prod-eu"), ("k8s-namespace", ns), .. podLabels.Select(l => ("k8s-label/" + l.Item1, l.Item2))]),
        };
        allocator.Add(Gke("shop", 6m, ("app", "web")));
        allocator.Add(Gke("security", 2m, ("app", "vault"), ("cost-share", "platform")));

        var rows = allocator.Build().Rows;

        Assert.Equal("platform", rows.Single(r => r.Dimensions.Namespace == "security").SharedBy);
        Assert.Null(rows.Single(r => r.Dimensions.Namespace == "shop").SharedBy);
        var shared = SharedCosts.Apply(rows, new AllocationOptions { Shared = [policy] });
        var share = Assert.Single(shared, r => r.Shared);
        Assert.Equal(("web", "security", 2m, "shared from platform by weighted, cluster prod-eu"),
            (share.Dimensions.Service, share.Dimensions.Namespace, share.Cost, share.Rule));
    }

    [Fact]
    public void Build_LineWithoutService_IsUnallocatedWithMissingLabels()
    {
        var allocator = new BillingAllocator(new Attributor(new AttributionOptions()));
        allocator.Add(new BillingLine
        {
            BillingAccountId = "A",
            UsageStart = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
            UsageEnd = new DateTimeOffset(2026, 10, 1, 1, 0, 0, TimeSpan.Zero),
            InvoiceMonth = new InvoiceMonth(2026, 10),
            Currency = Currency.Usd,
            Cost = 2m,
            Credits = [new Credit(CreditType.Promotion, -0.5m)],
            ProjectId = "legacy",
            SkuDescription = "E2 Instance Core",
        });
        var row = Assert.Single(allocator.Build().Rows);
        Assert.Equal(CostKind.Unallocated, row.Kind);
        Assert.Equal(1.5m, row.Net);
        Assert.Contains("service: app.kubernetes.io/name|app|service", row.Missing);
        Assert.Equal(("legacy", "E2 Instance Core"), (row.Dimensions.Project, row.Dimensions.Sku));
    }

    [Fact]
    public void Check_RowsThatDoNotAddUp_AreBreaches()
    {
        var day = new DateOnly(2026, 10, 1);
        var billed = new[] { new BilledDay(day, Currency.Usd, new InvoiceMonth(2026, 10), 10m, -1m) };
        var rows = new[]
        {
            new AllocationRow { Day = day, Currency = Currency.Usd, InvoiceMonth = new InvoiceMonth(2026, 10), Kind = CostKind.Allocated,
                Dimensions = new Dimensions { Service = "x" }, Cost = 9.99m, Credits = -1m },
        };
        var breach = Assert.Single(Conservation.Check(rows, billed));
        Assert.Equal(9.99m, breach.SharedCost);
    }

    [Fact]
    public void Build_LinesWhoseSumsNeedMoreThan28Digits_NameTheirDayAsRounded()
    {
        var allocator = new BillingAllocator(new Attributor(new AttributionOptions()));
        var line = FirstHour(999_999_999_999_999_999.000000005m);
        // 81 × 10^18 with nine decimal places is 30 digits: somewhere on the way a 5 in the ninth place is dropped.
        for (var i = 0; i < 81; i++) allocator.Add(line);
        allocator.Add(line with { UsageStart = line.UsageStart.AddDays(1), UsageEnd = line.UsageEnd.AddDays(1), Cost = 1.5m });

        Assert.Equal([new DateOnly(2026, 10, 1)], allocator.Build().RoundedDays);
    }

    [Fact]
    public void Build_SumsThatDropOnlyZeros_AreNotRounded()
    {
        var allocator = new BillingAllocator(new Attributor(new AttributionOptions()));
        var line = FirstHour(999_999_999_999_999_999.500000000m);
        for (var i = 0; i < 100; i++) allocator.Add(line);

        var result = allocator.Build();
        Assert.Empty(result.RoundedDays);
        Assert.Equal(99_999_999_999_999_999_950m, Assert.Single(result.Rows).Cost);
    }

    /// <summary>A line of 2026-10-01's first hour costing <paramref name="cost"/> USD.</summary>
    private static BillingLine FirstHour(decimal cost) => new()
    {
        BillingAccountId = "A",
        UsageStart = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
        UsageEnd = new DateTimeOffset(2026, 10, 1, 1, 0, 0, TimeSpan.Zero),
        InvoiceMonth = new InvoiceMonth(2026, 10),
        Currency = Currency.Usd,
        Cost = cost,
    };
}
