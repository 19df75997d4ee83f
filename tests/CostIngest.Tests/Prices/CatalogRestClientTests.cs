using System.Text.Json.Nodes;
using Costs.CostIngest.Google;
using Costs.CostIngest.Prices;
using Costs.CostIngest.Tests.Fakes;
using Costs.CostModel.Prices;
using Costs.CostModel.Store;

namespace Costs.CostIngest.Tests.Prices;

public class CatalogRestClientTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 20, 6, 0, 0, TimeSpan.Zero);

    /// <summary>The opencost page split in two: 4 SKUs with nextPageToken "page-2", then 3 with "".</summary>
    private static FakeResponse Catalog(RecordedRequest r)
    {
        if (r.Path != "/v1/services/6F81-5844-456A/skus")
            return FakeBigQuery.Error(404, "NOT_FOUND", "Service not found", "notFound");
        var skus = JsonNode.Parse(Fixture.Text("Prices", "fixtures", "skus.json"))!["skus"]!.AsArray();
        var second = r.Query.GetValueOrDefault("pageToken") == "page-2";
        var page = new JsonArray(skus.Skip(second ? 4 : 0).Take(second ? 3 : 4).Select(s => s!.DeepClone()).ToArray());
        return FakeResponse.Json(new JsonObject { ["skus"] = page, ["nextPageToken"] = second ? "" : "page-2" }.ToJsonString());
    }

    [Fact]
    public async Task ListSkusAsync_TwoPages_FollowsTokenUntilEmpty()
    {
        await using var server = await LoopbackServer.StartAsync(Catalog);
        using var http = new HttpClient();
        var options = new PricesOptions { BaseUri = server.BaseUri };
        var client = new CatalogRestClient(http, new StaticAccessTokenSource("t"), options, new TestClock(Now));

        var ids = new List<string>();
        await foreach (var sku in client.ListSkusAsync(PricesOptions.ComputeEngineServiceId, CancellationToken.None))
            ids.Add(sku.GetProperty("skuId").GetString()!);

        Assert.Equal(7, ids.Count);
        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("USD", r.Query["currencyCode"]);
            Assert.Equal("5000", r.Query["pageSize"]);
        });
        Assert.False(requests[0].Query.ContainsKey("pageToken"));
        Assert.Equal("page-2", requests[1].Query["pageToken"]);
    }

    [Fact]
    public async Task RunAsync_Catalog_StoredAndReadBackExactly()
    {
        await using var server = await LoopbackServer.StartAsync(Catalog);
        using var http = new HttpClient();
        var clock = new TestClock(Now);
        var client = new CatalogRestClient(http, new StaticAccessTokenSource("t"), new PricesOptions { BaseUri = server.BaseUri }, clock);
        var dir = Path.Combine(Path.GetTempPath(), "costs-prices-" + Guid.NewGuid().ToString("N"));
        await using (var store = await CostStore.OpenAsync(Path.Combine(dir, "costs.db"), clock, CancellationToken.None))
        {
            var result = await PricesIngest.RunAsync(client, store, clock, CancellationToken.None);
            var stored = await store.ReadPricesAsync(CancellationToken.None);

            Assert.Equal(17, stored.Count);
            Assert.Equal(result.Prices.OrderBy(p => $"{p.Region}|{p.MachineFamily}|{p.Resource.ToText()}|{p.UsageType.ToText()}", StringComparer.Ordinal), stored);
            Assert.Equal(0.021811590m, stored.Single(p => p is { Region: "us-west1", MachineFamily: "E2", Resource: MachineResource.Vcpu }).UsdPerHour);

            // A second load replaces the snapshot rather than adding to it.
            await PricesIngest.RunFromFileAsync(Fixture.Path("Prices", "fixtures", "skus.json"), store, clock, CancellationToken.None);
            Assert.Equal(17, (await store.ReadPricesAsync(CancellationToken.None)).Count);
        }
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task ListSkusAsync_401_OneLineFix()
    {
        await using var server = await LoopbackServer.StartAsync(_ => new FakeResponse(401, Fixture.Error("error_401.json")));
        using var http = new HttpClient();
        var client = new CatalogRestClient(http, new StaticAccessTokenSource("t"), new PricesOptions { BaseUri = server.BaseUri }, new TestClock(Now));

        var ex = await Assert.ThrowsAsync<GoogleApiException>(async () =>
        {
            await foreach (var _ in client.ListSkusAsync(PricesOptions.ComputeEngineServiceId, CancellationToken.None)) { }
        });
        Assert.Equal(GoogleApiError.Unauthenticated, ex.Error);
        Assert.Contains("costs prices --file", ex.Message);
    }
}
