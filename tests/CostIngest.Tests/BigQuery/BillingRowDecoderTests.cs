using Costs.CostIngest.Tests.Fakes;
using Costs.CostModel.Billing;
using Costs.CostModel.Time;

namespace Costs.CostIngest.Tests.BigQuery;

/// <summary>
/// Both commitment models, through the fake export and the decoder, with exact decimals.
/// <code>
/// row  model                   SKU                                                   cost   list   credits                                    net
/// 1    resource CUD (credit)   N2 Instance Core running in Americas                  10.00  10.00  COMMITTED_USAGE_DISCOUNT -6.30             3.70
/// 2    resource CUD fee        Commitment v1: N2 Cpu in Americas for 1 Year           6.30   -      -                                          6.30
/// 3    spend CUD (credit)      Cloud Run CPU allocation time                          5.00   5.00  COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE -0.85 4.15
/// 4    spend CUD fee (legacy)  Commitment - dollar based v1: Cloud Run for 1 year     4.15   -      -                                          4.15
/// 5    spend CUD (new model)   Cloud Run CPU allocation time, consumption_model       4.15   5.00  -                                          4.15
/// 6    spend CUD fee (new)     Cloud Run commitment fee                               5.00   -      FEE_UTILIZATION_OFFSET -4.15              0.85
/// </code>
/// Figures are illustrative; the shapes (credit types, consumption_model.id, fee SKUs offset by
/// FEE_UTILIZATION_OFFSET) follow Google's CUD data model pages named in Fakes/README.md.
/// </summary>
public class BillingRowDecoderTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 20, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Hour = new(2026, 10, 20, 2, 0, 0, TimeSpan.Zero);

    private static FakeExportRow R(string sku, string desc, string cost, string? list, string service = "6F81-5844-456A",
        string? model = null, params (string, string)[] credits) => new()
    {
        PartitionDay = new DateOnly(2026, 10, 20), UsageStart = Hour, ExportTime = Hour.AddHours(2),
        SkuId = sku, SkuDescription = desc, Cost = cost, CostAtList = list, ServiceId = service,
        ServiceDescription = service == "6F81-5844-456A" ? "Compute Engine" : "Cloud Run",
        ConsumptionModel = model, Credits = credits,
    };

    [Fact]
    public async Task Decode_BothCommitmentModels_NetFeesAndSavingsExact()
    {
        await using var h = await Harness.StartAsync(Now);
        h.Fake.Rows.AddRange(
        [
            R("SKU-N2-CORE", "N2 Instance Core running in Americas", "10.000000000", "10.000000000",
                credits: ("COMMITTED_USAGE_DISCOUNT", "-6.300000000")),
            R("SKU-N2-CUD1Y", "Commitment v1: N2 Cpu in Americas for 1 Year", "6.300000000", null),
            R("SKU-RUN-CPU", "CPU Allocation Time", "5.000000000", "5.000000000", "152E-C115-5142",
                credits: ("COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE", "-0.850000000")),
            R("SKU-RUN-FEE-V1", "Commitment - dollar based v1: Cloud Run for 1 year", "4.150000000", null, "152E-C115-5142"),
            R("SKU-RUN-CPU", "CPU Allocation Time", "4.150000000", "5.000000000", "152E-C115-5142", model: "73A1-AD60-B867"),
            R("SKU-RUN-FEE", "Cloud Run CUD commitment fee", "5.000000000", null, "152E-C115-5142", model: "73A1-AD60-B867",
                credits: ("FEE_UTILIZATION_OFFSET", "-4.150000000")),
        ]);
        var store = await h.StoreAsync();

        await h.Ingest(h.Options()).RunAsync(store, null, CancellationToken.None);

        var lines = new List<BillingLine>();
        await foreach (var l in store.ReadBillingLinesAsync(DateRange.Everything, CancellationToken.None)) lines.Add(l);
        Assert.Equal(6, lines.Count);
        var net = lines.ToDictionary(l => (l.SkuId, l.ConsumptionModel), l => l.Net);
        Assert.Equal(3.70m, net[("SKU-N2-CORE", null)]);
        Assert.Equal(6.30m, net[("SKU-N2-CUD1Y", null)]);
        Assert.Equal(4.15m, net[("SKU-RUN-CPU", null)]);
        Assert.Equal(4.15m, net[("SKU-RUN-FEE-V1", null)]);
        Assert.Equal(4.15m, net[("SKU-RUN-CPU", "73A1-AD60-B867")]);
        Assert.Equal(0.85m, net[("SKU-RUN-FEE", "73A1-AD60-B867")]);
        Assert.Equal(23.30m, lines.Sum(l => l.Net));
        Assert.All(lines.SelectMany(l => l.Credits), c => Assert.True(c.Type.IsKnown));

        var newModel = lines.Where(l => l.ConsumptionModel == "73A1-AD60-B867").ToList();
        Assert.Equal(2, newModel.Count);
        Assert.Equal(CreditType.FeeUtilizationOffset, newModel.Single(l => l.SkuId == "SKU-RUN-FEE").Credits.Single().Type);
        // New model: usage at the discounted price; savings against list = list - net of the usage.
        var usage = newModel.Single(l => l.SkuId == "SKU-RUN-CPU");
        Assert.Equal(0.85m, usage.CostAtList!.Value - usage.Net);
        // Legacy spend-based: the dollar-base credit is a commitment credit, so is the resource CUD.
        Assert.True(lines.SelectMany(l => l.Credits).Where(c => c.Type != CreditType.FeeUtilizationOffset).All(c => c.Type.IsCommitment));
        // Fees: what each model charged for its commitment, net of utilisation offsets.
        var fees = lines.Where(l => l.CostAtList is null).Sum(l => l.Net);
        Assert.Equal(6.30m + 4.15m + 0.85m, fees);
    }
}
