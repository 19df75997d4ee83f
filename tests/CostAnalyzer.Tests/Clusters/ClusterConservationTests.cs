using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using FsCheck;
using FsCheck.Fluent;
using static Costs.CostAnalyzer.Tests.Clusters.ClusterFixtures;

namespace Costs.CostAnalyzer.Tests.Clusters;

public class ClusterConservationTests
{
    private static readonly string[] Skus =
        ["E2 Instance Core running in Belgium", "E2 Instance Ram running in Belgium", "Storage PD Capacity", "Commitment v1: Cpu in Belgium for 1 Year"];

    /// <summary>
    /// From billing lines to shares: per day and currency, Σ shares (any kind) + unmatched node lines + lines
    /// that are not node vCPU/RAM = the billed cost, and the same for credits, exactly.
    /// </summary>
    [Fact]
    public void FromBillingLinesThenSplit_AnyLines_DayTotalsConserved()
    {
        var line = from node in Gen.Elements("n1", "n2", "n3")
                   from sku in Gen.Elements(Skus)
                   from hour in Gen.Choose(0, 3)
                   from micros in Gen.Choose(-1_000_000, 90_000_000)
                   from creditMicros in Gen.Choose(0, 30_000_000)
                   from currency in Gen.Elements("USD", "EUR")
                   select new BillingLine
                   {
                       BillingAccountId = "A", UsageStart = Hour10.AddHours(hour * 7), UsageEnd = Hour10.AddHours(hour * 7 + 1),
                       InvoiceMonth = new InvoiceMonth(2026, 11), Currency = new Currency(currency),
                       Cost = micros / 1_000_000m,
                       Credits = [new Credit(CreditType.Parse("SUSTAINED_USAGE_DISCOUNT"), -creditMicros / 1_000_000m)],
                       ProjectId = "acme-prod", ServiceDescription = "Compute Engine", SkuDescription = sku, ResourceName = node,
                   };
        var pod = from node in Gen.Elements("n1", "n2")
                  from ns in Gen.Elements("shop", "kube-system")
                  from milli in Gen.Choose(0, 3000)
                  select Pod(node, ns, $"p{milli}", milli / 1000m, milli / 1500m);
        var scenario = from lines in Gen.ListOf(line)
                       from pods in Gen.ListOf(pod)
                       from idle in Gen.Elements(ShareMode.Separate, ShareMode.Spread)
                       from overhead in Gen.Elements(ShareMode.Separate, ShareMode.Spread)
                       select (lines, pods, idle, overhead);

        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            // n1 and n2 were sampled at 10:00 only; n3 never: its lines and other hours stay out.
            var nodes = new[] { Node("n1", 2m, 1.93m, memoryCapacity: 8e9m, memoryAllocatable: 6e9m), Node("n2", 4m, 4m) };
            var (costs, others) = NodeCosts.FromBillingLines(s.lines, nodes);
            var result = NodeCostSplit.Split(costs, nodes, s.pods.DistinctBy(p => p.Pod.Uid),
                new ClusterSplitOptions { Idle = s.idle, Overhead = s.overhead });

            var billed = s.lines.GroupBy(l => (l.UsageDay, l.Currency))
                .ToDictionary(g => g.Key, g => (Cost: g.Sum(l => l.Cost), Credits: g.Sum(l => l.CreditTotal)));
            var accounted = result.Shares.Select(x => (x.Source.Day, x.Source.Currency, x.Cost, x.Credits))
                .Concat(result.Unmatched.Select(u => (u.Day, u.Currency, u.Cost, u.Credits)))
                .Concat(others.Select(o => (o.UsageDay, o.Currency, o.Cost, o.CreditTotal)))
                .GroupBy(x => (x.Item1, x.Item2))
                .ToDictionary(g => g.Key, g => (Cost: g.Sum(x => x.Item3), Credits: g.Sum(x => x.Item4)));
            return billed.Count == accounted.Count && billed.All(kv => accounted[kv.Key] == kv.Value);
        }).QuickCheckThrowOnFailure();
    }
}
