using System.Globalization;
using Costs.CostAnalyzer.Commitments;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Tests.Commitments;

/// <summary>
/// The FOCUS specification's Google Cloud commitment scenarios (fixtures/README.md): one commitment
/// bought for February 2026 (672 h) and used 100%. The files show the first day's 24 hours of committed
/// usage; the scenario says every hour of the period is the same, so the day repeats over the period.
/// The model must reproduce the spec authors' figures: the purchase (hourly rate × 672 h), full
/// utilisation, and savings = list cost − effective cost.
/// </summary>
public class FocusScenarioTests
{
    [Fact]
    public void ResourceBasedScenario_ModelReproducesTheSpecFigures()
    {
        var s = Scenario.Read("gcp_resource_cud_no_upfront_100pct.csv");
        // One instance an hour (ConsumedQuantity 1), 44.18 an hour on demand, 29.45 an hour committed.
        var onDemand = s.Committed.Select(r => r.ListUnitPrice).Distinct().Single();
        var committed = s.Committed.Select(r => r.EffectiveCost / r.ConsumedQuantity).Distinct().Single();
        var usage = s.Month(r => r.ConsumedQuantity);
        var curve = new CostCurve(usage, 0m, onDemand, new TermPrice(committed, 1m), 1m);

        var level = curve.Optimum();

        Assert.Equal(672, s.Hours);
        Assert.Equal(s.Purchase.CommitmentDiscountQuantity / s.Hours, level);          // 672 unit-hours ÷ 672 h = 1
        Assert.Equal(s.Purchase.BilledCost, curve.Cost(level));                        // 19,790.40
        Assert.Equal(1m, curve.Utilisation(level));
        Assert.Equal(s.MonthlyListMinusEffective, curve.Cost(0m) - curve.Cost(level)); // 672 × 14.73 = 9,898.56
        Assert.Equal((19_790.40m, 9_898.56m), (s.Purchase.BilledCost, s.MonthlyListMinusEffective));
    }

    [Fact]
    public void SpendBasedScenario_ModelReproducesTheSpecFigures()
    {
        var s = Scenario.Read("gcp_flex_cud_no_upfront_100pct.csv");
        // Usage is on-demand spend: 94.70 an hour, covered by 63.13 an hour of commitment.
        var spend = s.Month(r => r.ListCost);
        var discount = 1m - s.Committed.Sum(r => r.EffectiveCost) / s.Committed.Sum(r => r.ListCost);
        var prices = PoolPrices.Flexible(discount, discount);
        var curve = new CostCurve(spend, 0m, prices.OnDemand, prices.OneYear, 0.01m);

        var level = curve.Optimum();

        Assert.Equal(s.Purchase.CommitmentDiscountQuantity / s.Hours, level);          // 42,423.36 ÷ 672 h = 63.13
        Assert.Equal(s.Purchase.BilledCost, Math.Round(curve.Cost(level), 2));          // 42,423.36
        Assert.Equal(1m, Math.Round(curve.Utilisation(level), 4));
        Assert.Equal(s.MonthlyListMinusEffective, Math.Round(curve.Cost(0m) - curve.Cost(level), 2)); // 672 × 31.57 = 21,215.04
        Assert.Equal((42_423.36m, 21_215.04m), (s.Purchase.BilledCost, s.MonthlyListMinusEffective));
    }

    [Fact]
    public void SpendBasedScenario_AdvisorSizesTheSameCommitmentButWaitsForHistory()
    {
        var s = Scenario.Read("gcp_flex_cud_no_upfront_100pct.csv");
        var discount = 1m - s.Committed.Sum(r => r.EffectiveCost) / s.Committed.Sum(r => r.ListCost);
        var pool = new CommitmentPool
        {
            Key = PoolKey.ForFlexible("us-central1"), Currency = Currency.Usd, Start = s.PeriodStart,
            Hours = s.Month(r => r.ListCost), Prices = PoolPrices.Flexible(discount, discount),
        };

        var three = CommitmentAdvisor.Recommend(pool, new CommitmentOptions())[0];

        Assert.Equal((63.13m, 63.13m, CommitmentAdvice.Wait), (three.LevelAlone, three.PlanLevel, three.Advice));
        // A 730-hour month at full use: (94.70 − 63.13) × 730.
        Assert.Equal(23_046.10m, three.Curve.Single(p => p.Level == 63.13m).MonthlySavings);
    }

    private sealed record Row(string ChargeCategory, DateTimeOffset ChargeStart, decimal BilledCost, decimal EffectiveCost,
        decimal ListCost, decimal ListUnitPrice, decimal ConsumedQuantity, string CommitmentDiscountId,
        decimal CommitmentDiscountQuantity, string CommitmentDiscountStatus);

    /// <summary>The columns these tests need, read by header name; the files have no quoted cells.</summary>
    private sealed record Scenario(Row Purchase, IReadOnlyList<Row> Committed, DateTimeOffset PeriodStart, int Hours)
    {
        public static Scenario Read(string file)
        {
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fixtures", file));
            var header = lines[0].Split(',');
            var rows = lines.Skip(1).Select(l =>
            {
                var cells = l.Split(',');
                Assert.Equal(header.Length, cells.Length);
                string Get(string column) => cells[Array.IndexOf(header, column)];
                decimal Num(string column) => Get(column).Length == 0 ? 0m : decimal.Parse(Get(column), CultureInfo.InvariantCulture);
                DateTimeOffset Time(string column) => DateTimeOffset.Parse(Get(column), CultureInfo.InvariantCulture);
                return (Row: new Row(Get("ChargeCategory"), Time("ChargePeriodStart"), Num("BilledCost"), Num("EffectiveCost"),
                    Num("ListCost"), Num("ListUnitPrice"), Num("ConsumedQuantity"), Get("CommitmentDiscountId"),
                    Num("CommitmentDiscountQuantity"), Get("CommitmentDiscountStatus")),
                    Period: (Time("BillingPeriodStart"), Time("BillingPeriodEnd")));
            }).ToList();
            var purchase = rows.Single(r => r.Row.ChargeCategory == "Purchase");
            var committed = rows.Select(r => r.Row)
                .Where(r => r.ChargeCategory == "Usage" && r.CommitmentDiscountId == purchase.Row.CommitmentDiscountId && r.CommitmentDiscountStatus == "Used")
                .ToList();
            var (start, end) = purchase.Period;
            return new Scenario(purchase.Row, committed, start, (int)(end - start).TotalHours);
        }

        /// <summary>Each hour of the period: the sum over committed rows of the same hour of day.</summary>
        public decimal[] Month(Func<Row, decimal> value)
        {
            var day = Enumerable.Range(0, 24).Select(h => Committed.Where(r => r.ChargeStart.Hour == h).Sum(value)).ToArray();
            return Enumerable.Range(0, Hours).Select(h => day[h % 24]).ToArray();
        }

        /// <summary>Σ over the period of list cost − effective cost of the committed usage.</summary>
        public decimal MonthlyListMinusEffective => Committed.Sum(r => r.ListCost - r.EffectiveCost) * Hours / 24m;
    }
}
