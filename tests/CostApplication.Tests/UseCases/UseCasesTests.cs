using Costs.CostApplication.Reports;
using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Time;
using Costs.CostReports.Delivery;
using Microsoft.Extensions.Logging.Abstractions;

namespace Costs.CostApplication.Tests.UseCases;

/// <summary>Each use case on its own, on a real store, with no command line in between.</summary>
public class UseCasesTests
{
    private const string Alerts = """
        { "Alerts": {
            "Channels": [ { "Name": "ops", "Kind": "slack", "UrlSecret": "OPS_WEBHOOK" } ],
            "Routes": [ { "Channel": "ops" } ] } }
        """;

    [Fact]
    public async Task IngestFiles_WithAnalysis_LoadsAndAnalyzesEveryDay()
    {
        await using var f = await AppFixture.CreateAsync();
        var done = await (await f.App.IngestFilesAsync(analyze: true, CancellationToken.None))
            .RunAsync([f.Export], null, 0, null, CancellationToken.None);

        Assert.True(done.Load.Committed);
        Assert.Equal(10, done.Load.Days.Count);
        Assert.Equal(10, done.Analysis!.Days);
        Assert.Equal(done.Load.Lines, done.Analysis.Lines);
        Assert.Empty(await (await f.App.StoreAsync(CancellationToken.None)).UnanalyzedDaysAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnalyzeDays_AfterALoadWithoutAnalysis_AnalyzesThePendingDaysOnce()
    {
        await using var f = await AppFixture.CreateAsync();
        await (await f.App.IngestFilesAsync(analyze: false, CancellationToken.None)).RunAsync([f.Export], null, 0, null, CancellationToken.None);
        var analyze = await f.App.AnalyzeAsync(CancellationToken.None);

        Assert.Equal(10, (await analyze.RunPendingAsync(CancellationToken.None)).Days);
        Assert.Equal(0, (await analyze.RunPendingAsync(CancellationToken.None)).Days);
    }

    [Fact]
    public async Task QueryCosts_ByService_RowsAddUpToTheBill()
    {
        await using var f = await AppFixture.CreateAsync();
        await (await f.App.IngestFilesAsync(analyze: true, CancellationToken.None)).RunAsync([f.Export], null, 0, null, CancellationToken.None);
        var store = await f.App.StoreAsync(CancellationToken.None);

        var result = await (await f.App.QueryAsync(CancellationToken.None)).RunAsync([GroupDimension.Service], DateRange.Everything, null, CancellationToken.None);

        var billed = (await store.ReadBilledDaysAsync(DateRange.Everything, CancellationToken.None)).Sum(b => b.Net);
        Assert.Equal(billed, result.Total.Net);
        Assert.Equal(billed, result.Groups.Sum(g => g.Totals.Net));
        Assert.Equal("USD", result.Currency);
    }

    [Fact]
    public async Task QueryCosts_DaysNotAnalyzed_RefusesWithAFailure()
    {
        await using var f = await AppFixture.CreateAsync();
        await (await f.App.IngestFilesAsync(analyze: false, CancellationToken.None)).RunAsync([f.Export], null, 0, null, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<StageException>(async () => await (await f.App.QueryAsync(CancellationToken.None))
            .RunAsync([GroupDimension.Team], DateRange.Everything, null, CancellationToken.None));
        Assert.Equal(FailureKind.Failure, ex.Kind);
        Assert.Contains("not analyzed yet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecommendCosts_LookbackShorterThanTheSizingAllows_RefusedAsConfigurationNamingTheOption()
    {
        await using var f = await AppFixture.CreateAsync();
        await (await f.App.IngestFilesAsync(analyze: true, CancellationToken.None)).RunAsync([f.Export], null, 0, null, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<StageException>(async () =>
            await (await f.App.RecommendAsync(CancellationToken.None)).RunAsync(null, 3, CancellationToken.None));

        Assert.Equal(FailureKind.Configuration, ex.Kind);
        Assert.Contains("--lookback-days 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Recommendations:Commitments:Lookback: must be whole hours, at least 7 days", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertRun_DryRun_RendersEveryRoutedAlertAndSendsNothing()
    {
        await using var f = await AppFixture.CreateAsync(Alerts);
        await (await f.App.IngestFilesAsync(analyze: true, CancellationToken.None)).RunAsync([f.Export], null, 0, null, CancellationToken.None);
        var alerts = await f.App.AlertsAsync(CancellationToken.None);

        var detected = await alerts.DetectAsync(null, CancellationToken.None);
        var delivered = await alerts.DeliverAsync(detected!, dryRun: true, CancellationToken.None);

        Assert.Equal(AppFixture.End.AddDays(-1), detected!.AsOf);
        Assert.Equal(detected.Result.Alerts.Count, delivered.Items.Count);
        Assert.All(delivered.Reports, r => Assert.Equal(DeliveryState.DryRun, r.State));
        Assert.Empty(await (await f.App.StoreAsync(CancellationToken.None)).Deliveries.AllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AlertRun_HttpWebhookToAnotherHost_RefusedBeforeAnythingIsSent()
    {
        var variables = new Dictionary<string, string> { ["OPS_WEBHOOK"] = "http://hooks.example.com/services/T0/B0/secret" };
        await using var f = await AppFixture.CreateAsync(Alerts, variables);
        await (await f.App.IngestFilesAsync(analyze: true, CancellationToken.None)).RunAsync([f.Export], null, 0, null, CancellationToken.None);
        var alerts = await f.App.AlertsAsync(CancellationToken.None);
        var detected = await alerts.DetectAsync(null, CancellationToken.None);
        Assert.NotEmpty(detected!.Result.Alerts);

        var delivered = await alerts.DeliverAsync(detected, dryRun: false, CancellationToken.None);

        Assert.All(delivered.Reports, r => Assert.Equal(DeliveryState.FailedPermanently, r.State));
        Assert.All(delivered.Reports, r => Assert.DoesNotContain("hooks.example.com", r.Detail, StringComparison.Ordinal));
        Assert.Empty(await (await f.App.StoreAsync(CancellationToken.None)).Deliveries.AllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task MailReport_TeamWithoutEmail_WritesTheTeamsWorkbookApart()
    {
        await using var f = await AppFixture.CreateAsync();
        await (await f.App.IngestFilesAsync(analyze: true, CancellationToken.None)).RunAsync([f.Export], null, 0, null, CancellationToken.None);
        var report = await f.App.ReportAsync(CancellationToken.None);
        var out1 = Path.Combine(f.Directory, "out");

        var full = await report.RunAsync(new ReportRequest(null, false, null, null, null, out1), CancellationToken.None);
        var team = full.Outcome.Input.Allocations.Select(a => a.Dimensions.Team).OfType<string>().First();
        var slice = await report.RunAsync(new ReportRequest(team, false, null, null, null, out1), CancellationToken.None);

        Assert.True(File.Exists(full.Outcome.WorkbookPath));
        Assert.True(File.Exists(slice.Outcome.WorkbookPath));
        Assert.NotEqual(full.Outcome.WorkbookPath, slice.Outcome.WorkbookPath);
        Assert.Null(full.Mail);
        Assert.Equal(0m, full.Outcome.Workbook.ReconciliationDifference);
        Assert.All(slice.Outcome.Input.Allocations, a => Assert.Equal(team, a.Dimensions.Team));
    }

    [Fact]
    public async Task MailReport_SendWithoutEmailConfigured_IsAConfigurationError()
    {
        await using var f = await AppFixture.CreateAsync();
        var report = await f.App.ReportAsync(CancellationToken.None);
        var ex = await Assert.ThrowsAsync<StageException>(() =>
            report.RunAsync(new ReportRequest(null, true, null, null, null, f.Directory), CancellationToken.None));
        Assert.Equal(FailureKind.Configuration, ex.Kind);
    }

    [Fact]
    public async Task LoadPrices_MissingFile_IsAConfigurationErrorNamingIt()
    {
        await using var f = await AppFixture.CreateAsync();
        var missing = Path.Combine(f.Directory, "skus.json");
        var ex = await Assert.ThrowsAsync<StageException>(async () =>
            await (await f.App.PricesAsync(CancellationToken.None)).RunAsync(missing, CancellationToken.None));
        Assert.Equal((FailureKind.Configuration, $"Price file not found: {missing}"), (ex.Kind, ex.Message));
    }

    [Fact]
    public async Task CollectClusters_NoneConfigured_IsAConfigurationError()
    {
        await using var f = await AppFixture.CreateAsync();
        var ex = await Assert.ThrowsAsync<StageException>(async () =>
            await (await f.App.CollectAsync(CancellationToken.None)).RunAsync([], CancellationToken.None));
        Assert.Equal(FailureKind.Configuration, ex.Kind);
    }

    [Fact]
    public async Task IngestBigQuery_NoTable_IsAConfigurationError()
    {
        await using var f = await AppFixture.CreateAsync();
        var ex = await Assert.ThrowsAsync<StageException>(async () =>
            await (await f.App.IngestBigQueryAsync(analyze: true, CancellationToken.None)).RunAsync(null, CancellationToken.None));
        Assert.Equal(FailureKind.Configuration, ex.Kind);
    }

    [Fact]
    public async Task StageRunner_FilesLoadedNothingElseConfigured_AnalyzesAndReportsAndSkipsTheSources()
    {
        await using var f = await AppFixture.CreateAsync();
        await (await f.App.IngestFilesAsync(analyze: false, CancellationToken.None)).RunAsync([f.Export], null, 0, null, CancellationToken.None);

        var outcomes = await new StageRunner(f.App, NullLogger.Instance).RunAllAsync(CancellationToken.None);

        Assert.Equal(StageNames.All, outcomes.Select(o => o.Stage));
        Assert.Equal([StageStatus.Skipped, StageStatus.Skipped, StageStatus.Done, StageStatus.Skipped, StageStatus.Done, StageStatus.Done], outcomes.Select(o => o.Status));
        Assert.Equal("no Publish:BigQuery configured", outcomes[3].Detail);
        Assert.StartsWith("10 day(s)", outcomes[2].Detail, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(f.Directory, "reports", "costs-report-2026-10-10.xlsx")));
    }
}
