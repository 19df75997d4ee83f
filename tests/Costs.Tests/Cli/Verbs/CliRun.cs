using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Costs.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Costs.Tests.Cli.Verbs;

/// <summary>Runs `costs` in-process with captured output, its own variables and a temp directory.</summary>
internal sealed class CliRun : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "costs-cli-" + Guid.NewGuid().ToString("N"));
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);
    public StringWriter Out { get; private set; } = new();
    public StringWriter Error { get; private set; } = new();

    public CliRun() => System.IO.Directory.CreateDirectory(Directory);

    public string StorePath => Path.Combine(Directory, "costs.db");

    public void WriteConfig(string json)
    {
        File.WriteAllText(Path.Combine(Directory, "costs.json"), json);
    }

    public async Task<int> RunAsync(params string[] args)
    {
        Out = new StringWriter();
        Error = new StringWriter();
        var env = new CliEnvironment(Out, Error, Variables, Directory, TimeProvider.System, IsTerminal: false);
        return await CostsCli.RunAsync(["--store", StorePath, .. args], env);
    }

    /// <summary>Puts allocation rows (and matching billed totals) into the store.</summary>
    public async Task SeedAsync(IReadOnlyList<AllocationRow> rows)
    {
        await using var store = await CostStore.OpenAsync(StorePath, TimeProvider.System, CancellationToken.None);
        var billed = rows.GroupBy(r => (r.Day, r.Currency, r.InvoiceMonth))
            .Select(g => new BilledDay(g.Key.Day, g.Key.Currency, g.Key.InvoiceMonth, g.Sum(r => r.Cost), g.Sum(r => r.Credits))).ToList();
        await store.ReplaceAllocationsAsync(rows.Select(r => r.Day).Distinct().ToList(), rows, billed, CancellationToken.None);
    }

    /// <summary>checkout/production: 100 a day for five weeks, then 900 on Friday 2026-11-20.</summary>
    public static IReadOnlyList<AllocationRow> SpikeRows()
    {
        var rows = new List<AllocationRow>();
        for (var d = new DateOnly(2026, 10, 16); d <= new DateOnly(2026, 11, 20); d = d.AddDays(1))
            rows.Add(new AllocationRow
            {
                Day = d, Currency = Currency.Usd, InvoiceMonth = InvoiceMonth.Of(d), Kind = CostKind.Allocated,
                Dimensions = new Dimensions { Service = "checkout", Team = "payments", Environment = "production", Project = "acme-prod", CloudService = "Compute Engine", Sku = "N2 Instance Core" },
                Cost = d == new DateOnly(2026, 11, 20) ? 900m : 100m, Credits = 0m,
            });
        return rows;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// A loopback webhook (Kestrel, 127.0.0.1, port 0) that answers every POST with one status, or, when
/// <c>slow</c>, takes each message and has not answered when the sender gives up.
/// </summary>
internal sealed class StatusReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    public int Requests;
    public string Url { get; private set; } = "";
    public const string SecretPath = "/services/T0/B0/very-secret-token-9f8e7d";

    private StatusReceiver(WebApplication app) => _app = app;

    public static async Task<StatusReceiver> StartAsync(int status, bool slow = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var r = new StatusReceiver(app);
        app.MapPost(SecretPath, async (HttpContext ctx) =>
        {
            Interlocked.Increment(ref r.Requests);
            if (slow)
            {
                try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); }
                catch (OperationCanceledException) { return; }
            }
            ctx.Response.StatusCode = status;
            await ctx.Response.WriteAsync(status == 200 ? "ok" : "no_service");
        });
        await app.StartAsync();
        r.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + SecretPath;
        return r;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
