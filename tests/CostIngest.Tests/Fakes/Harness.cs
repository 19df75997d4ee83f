using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Google;
using Costs.CostModel.Store;
using Costs.CostResilience;

namespace Costs.CostIngest.Tests.Fakes;

/// <summary>A fake BigQuery on loopback, a client pointed at it, and a real SQLite store in a temp dir.</summary>
public sealed class Harness : IAsyncDisposable
{
    public const string Table = "acme-billing.billing_export.gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7A8B9";

    private readonly List<CostStore> _stores = [];
    private readonly HttpClient _http = new();

    private Harness(LoopbackServer server, FakeBigQuery fake, TestClock clock, string dir)
    {
        Server = server;
        Fake = fake;
        Clock = clock;
        Directory = dir;
    }

    public LoopbackServer Server { get; }
    public FakeBigQuery Fake { get; }
    public TestClock Clock { get; }
    public string Directory { get; }
    public List<(TimeSpan Delay, int? Status)> Retries { get; } = [];

    public static async Task<Harness> StartAsync(DateTimeOffset now)
    {
        var fake = new FakeBigQuery();
        var server = await LoopbackServer.StartAsync(fake.Handle);
        var dir = Path.Combine(Path.GetTempPath(), "costs-bq-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        return new Harness(server, fake, new TestClock(now), dir);
    }

    public BigQueryOptions Options(Action<BigQueryOptions>? edit = null)
    {
        var o = new BigQueryOptions
        {
            Table = Table,
            BillingProject = "acme-jobs",
            Location = "EU",
            BaseUri = new Uri(Server.BaseUri, "bigquery/v2/"),
            CheckPartitionDays = 10,
            BackfillMonths = 0,
            Retry = new RetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromMinutes(1) },
        };
        edit?.Invoke(o);
        return o;
    }

    public BigQueryRestClient Client(BigQueryOptions options) =>
        new(_http, new StaticAccessTokenSource("test-token"), options, Clock, (d, s) => { lock (Retries) Retries.Add((d, s)); });

    public BigQueryIngest Ingest(BigQueryOptions options) => new(Client(options), options, Clock);

    public async Task<CostStore> StoreAsync(string name = "costs.db")
    {
        var store = await CostStore.OpenAsync(Path.Combine(Directory, name), Clock, CancellationToken.None);
        _stores.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _stores) await s.DisposeAsync();
        _http.Dispose();
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp dir left behind is harmless.
        }
    }
}
