using System.Text.Json;
using System.Text.Json.Nodes;
using Costs.CostAnalyzer.Commitments;
using static Costs.CostAnalyzer.Tests.Commitments.Pools;

namespace Costs.CostAnalyzer.Tests.Commitments;

/// <summary>The records serialise to the <c>costs recommend</c> JSON contract with a plain snake_case serializer.</summary>
public class CommitmentRecommendationTests
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly string[] Contract =
    [
        "type", "region", "family", "resource", "term", "unit", "currency", "level_alone", "plan_level", "existing", "buy",
        "monthly_savings", "utilisation", "coverage", "break_even_utilisation", "advice", "reason", "curve",
    ];

    private static JsonArray Serialise(CommitmentPool pool) =>
        JsonNode.Parse(JsonSerializer.Serialize(CommitmentAdvisor.Recommend(pool, new CommitmentOptions()), SnakeCase))!.AsArray();

    [Fact]
    public void Serialize_ResourcePool_HasTheContractsFieldsAndValues()
    {
        var rows = Serialise(N2(Series.Flat(180, 20m)));
        var three = rows[0]!.AsObject();

        Assert.Equal(Contract, three.Select(p => p.Key));
        Assert.Equal(("resource", "us-central1", "N2", "vcpu", "3y", "vCPU", "USD", "buy"),
            (Text(three, "type"), Text(three, "region"), Text(three, "family"), Text(three, "resource"), Text(three, "term"),
             Text(three, "unit"), Text(three, "currency"), Text(three, "advice")));
        Assert.Equal((20m, 20m, 0m, 20m, 161.53m, 1m, 1m, 0.5625m),
            (Num(three, "level_alone"), Num(three, "plan_level"), Num(three, "existing"), Num(three, "buy"),
             Num(three, "monthly_savings"), Num(three, "utilisation"), Num(three, "coverage"), Num(three, "break_even_utilisation")));
        var point = three["curve"]!.AsArray()[0]!.AsObject();
        Assert.Equal(["level", "monthly_cost", "monthly_savings"], point.Select(p => p.Key));
        Assert.Equal(("1y", "none"), (Text(rows[1]!.AsObject(), "term"), Text(rows[1]!.AsObject(), "advice")));
    }

    [Fact]
    public void Serialize_FlexiblePool_LeavesOutFamilyAndResource()
    {
        var three = Serialise(Flexible(Series.Flat(180, 100m)))[0]!.AsObject();

        Assert.Equal(Contract.Where(f => f is not ("family" or "resource")), three.Select(p => p.Key));
        Assert.Equal(("flexible", "USD/h", 54m), (Text(three, "type"), Text(three, "unit"), Num(three, "plan_level")));
    }

    [Fact]
    public void Serialize_LadderedPurchase_AddsTheLadderLast()
    {
        var three = Serialise(N2(Series.Ramp(180, 20m, 40m)))[0]!.AsObject();

        Assert.Equal([.. Contract, "ladder"], three.Select(p => p.Key));
        Assert.Equal(["months_from_now", "buy"], three["ladder"]!.AsArray()[0]!.AsObject().Select(p => p.Key));
    }

    private static string Text(JsonObject o, string name) => o[name]!.GetValue<string>();
    private static decimal Num(JsonObject o, string name) => o[name]!.GetValue<decimal>();
}
