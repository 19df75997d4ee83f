using System.Globalization;
using System.Text.Json.Nodes;
using Costs.Tests.EndToEnd;

namespace Costs.Tests.Recommend;

/// <summary>
/// `costs recommend` end to end through the executable: a Catalog response for one region and family
/// (N2 in europe-west1, in the Catalog's REST shape: units + nanos, usage types OnDemand, Commit1Yr and
/// Commit3Yr) loaded with `costs prices --file`, the sample organisation's usage rows loaded with
/// `costs ingest file`, then the JSON contract of docs/commitments.md.
/// </summary>
public class RecommendVerbTests
{
    // N2 in europe-west1 (USD per vCPU-hour and GiB-hour): on demand as the sample bill charges it, and
    // 37% and 55% below it for 1- and 3-year commitments (Google's published resource-based discounts).
    private static readonly (string Id, string Description, string Group, string UsageType, decimal Price)[] Skus =
    [
        ("TEST-N2-CORE", "N2 Instance Core running in Belgium", "CPU", "OnDemand", 0.034773m),
        ("TEST-N2-RAM", "N2 Instance Ram running in Belgium", "RAM", "OnDemand", 0.004661m),
        ("TEST-N2-CORE-1Y", "Commitment v1: N2 Cpu in Belgium for 1 Year", "CPU", "Commit1Yr", 0.021907m),
        ("TEST-N2-RAM-1Y", "Commitment v1: N2 Ram in Belgium for 1 Year", "RAM", "Commit1Yr", 0.002936m),
        ("TEST-N2-CORE-3Y", "Commitment v1: N2 Cpu in Belgium for 3 Year", "CPU", "Commit3Yr", 0.015648m),
        ("TEST-N2-RAM-3Y", "Commitment v1: N2 Ram in Belgium for 3 Year", "RAM", "Commit3Yr", 0.002097m),
    ];

    private static string Catalog() => new JsonObject
    {
        ["skus"] = new JsonArray(Skus.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = $"services/6F81-5844-456A/skus/{s.Id}",
            ["skuId"] = s.Id,
            ["description"] = s.Description,
            ["category"] = new JsonObject
            {
                ["serviceDisplayName"] = "Compute Engine", ["resourceFamily"] = "Compute", ["resourceGroup"] = s.Group, ["usageType"] = s.UsageType,
            },
            ["serviceRegions"] = new JsonArray("europe-west1"),
            ["pricingInfo"] = new JsonArray(new JsonObject
            {
                ["pricingExpression"] = new JsonObject
                {
                    ["usageUnit"] = s.Group == "CPU" ? "h" : "GiBy.h",
                    ["tieredRates"] = new JsonArray(new JsonObject
                    {
                        ["startUsageAmount"] = 0,
                        ["unitPrice"] = new JsonObject
                        {
                            ["currencyCode"] = "USD", ["units"] = "0",
                            ["nanos"] = (int)(s.Price * 1_000_000_000m),
                        },
                    }),
                },
                ["currencyConversionRate"] = 1,
            }),
        }).ToArray()),
        ["nextPageToken"] = "",
    }.ToJsonString();

    private static async Task<JsonObject> RecommendAsync(TempDir dir, int days, params string[] extra)
    {
        var end = new DateOnly(2026, 11, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var gen = await CostsProcess.RunAsync(dir.Root, "generate", "--days", days.ToString(CultureInfo.InvariantCulture), "--services", "4",
            "--end", end, "--out", "x.jsonl");
        Assert.True(gen.ExitCode == 0, gen.Error);
        await File.WriteAllTextAsync(dir.File("skus.json"), Catalog());
        var prices = await CostsProcess.RunAsync(dir.Root, "prices", "--file", "skus.json", "--store", "s.db");
        Assert.True(prices.ExitCode == 0, prices.Out + prices.Error);
        var ingest = await CostsProcess.RunAsync(dir.Root, "ingest", "file", "x.jsonl", "--store", "s.db");
        Assert.True(ingest.ExitCode == 0, ingest.Out + ingest.Error);
        var rec = await CostsProcess.RunAsync(dir.Root, ["recommend", "--format", "json", "--store", "s.db", .. extra]);
        Assert.True(rec.ExitCode == 0, rec.Out + rec.Error);
        return JsonNode.Parse(rec.Out)!.AsObject();
    }

    [Fact]
    public async Task Recommend_SixMonthsOfN2WithCatalogPrices_JsonContractAndABuy()
    {
        using var dir = new TempDir();
        var json = await RecommendAsync(dir, 190);

        Assert.Equal("2026-10-31", (string?)json["as_of"]);
        Assert.Equal(190, (int)json["history_days"]!);
        Assert.Equal(180, (int)json["lookback_days"]!);
        foreach (var part in new[] { "spot", "rightsizing", "idle" }) Assert.NotNull(json[part]!.AsArray());

        var n2 = json["commitments"]!.AsArray().Select(c => c!.AsObject())
            .Where(c => (string?)c["family"] == "N2" && (string?)c["region"] == "europe-west1").ToList();
        Assert.Equal(4, n2.Count); // vCPU and memory, 1 and 3 years
        foreach (var c in n2)
        {
            foreach (var key in new[] { "type", "region", "family", "resource", "term", "unit", "level_alone", "plan_level", "existing", "buy",
                         "monthly_savings", "utilisation", "coverage", "break_even_utilisation", "advice", "reason", "curve" })
                Assert.True(c.ContainsKey(key), $"missing {key}");
            Assert.Equal("resource", (string?)c["type"]);
            Assert.Contains((string?)c["term"], new[] { "1y", "3y" });
            Assert.True((decimal)c["buy"]! >= 0m);
            Assert.Equal(decimal.Truncate((decimal)c["plan_level"]!), (decimal)c["plan_level"]!); // whole vCPU and GiB
            var curve = c["curve"]!.AsArray();
            Assert.NotEmpty(curve);
            Assert.All(curve, p => Assert.True(p!.AsObject().ContainsKey("level") && p.AsObject().ContainsKey("monthly_cost") && p.AsObject().ContainsKey("monthly_savings")));
        }
        var threeYearCpu = n2.Single(c => (string?)c["resource"] == "vcpu" && (string?)c["term"] == "3y");
        Assert.Equal("buy", (string?)threeYearCpu["advice"]);
        Assert.True((decimal)threeYearCpu["buy"]! > 0m && (decimal)threeYearCpu["monthly_savings"]! > 0m);
        Assert.Equal(16m, (decimal)n2.Single(c => (string?)c["resource"] == "vcpu" && (string?)c["term"] == "1y")["existing"]!); // the sample's 1-year fee rows
        // Break-even is the 3-year rate over the on-demand rate net of N2's full-month sustained-use discount (19.98%).
        Assert.Equal(Math.Round(0.015648m / (0.034773m * (1m - 0.1998m)), 4), (decimal)threeYearCpu["break_even_utilisation"]!);

        // E2 usage has no stored commitment price: not sized, and the notes say which price is missing.
        Assert.Contains(json["notes"]!.AsArray(), n => ((string?)n)!.Contains("E2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recommend_TwoMonthsOfHistory_SaysWaitButShowsTheCurve()
    {
        using var dir = new TempDir();
        var json = await RecommendAsync(dir, 60);

        var n2 = json["commitments"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["family"] == "N2").ToList();
        Assert.NotEmpty(n2);
        // Nothing is bought with under six months of history; the 3-year levels are shown as "wait" (the
        // 1-year terms have nothing left to cover above them: "none").
        Assert.All(n2, c => Assert.NotEqual("buy", (string?)c["advice"]));
        Assert.All(n2, c => Assert.Equal(0m, (decimal)c["buy"]!));
        Assert.All(n2.Where(c => (string?)c["term"] == "3y"), c => Assert.Equal("wait", (string?)c["advice"]));
        Assert.All(n2.Where(c => (string?)c["term"] == "3y"), c => Assert.True((decimal)c["plan_level"]! > 0m));
        Assert.All(n2, c => Assert.NotEmpty(c["curve"]!.AsArray()));
    }
}
