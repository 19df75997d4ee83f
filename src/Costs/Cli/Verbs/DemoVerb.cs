using System.CommandLine;
using System.Globalization;
using Costs.CostAnalyzer.Alerts;
using Costs.CostIngest.Sample;
using Costs.CostModel.Allocation;
using Costs.CostAnalyzer.Commitments;
using Costs.CostAnalyzer.Recommendations;
using Costs.CostApplication.Reports;
using Costs.CostModel.Store;
using Costs.CostApplication.Sample;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs demo`: the whole pipeline on a generated organisation and a fresh SQLite file, with the
/// embedded demo configuration. Nothing outside --out is read or written.
/// </summary>
internal static class DemoVerb
{
    public static Command Create(CliEnvironment env)
    {
        var output = new Option<string>("--out") { Description = "Folder for the demo's store, export file and workbook.", DefaultValueFactory = _ => "costs-demo" };
        var months = new Option<int>("--months") { Description = "Whole months of history before the current one.", DefaultValueFactory = _ => 7 };
        var command = new Command("demo", "Generate a sample organisation's bill (7 months, hourly) and cluster samples, and run ingest -> analyze -> report -> alert (dry run) on them.")
        {
            output, months,
        };
        command.SetAction(async (parse, ct) =>
        {
            var dir = env.FullPath(parse.GetValue(output)!);
            var m = parse.GetValue(months);
            if (m is < 1 or > 36) throw new CliException(ExitCodes.Usage, "--months must be 1 to 36.");
            return await RunAsync(env, dir, m, ct);
        });
        return command;
    }

    public static IConfigurationRoot DemoConfiguration(string directory)
    {
        using var stream = typeof(DemoVerb).Assembly.GetManifestResourceStream("demo-config.json")
            ?? throw new InvalidOperationException("The demo configuration is not embedded.");
        var json = new MemoryStream();
        stream.CopyTo(json);
        json.Position = 0;
        return new ConfigurationBuilder()
            .AddJsonStream(json)
            .AddInMemoryCollection([
                KeyValuePair.Create("Store:Path", (string?)Path.Combine(directory, "costs-demo.db")),
                KeyValuePair.Create("Report:OutputDirectory", (string?)directory),
                KeyValuePair.Create("Report:Title", (string?)"Acme Shop: Google Cloud costs (demo data)"),
            ])
            .Build();
    }

    private static async Task<int> RunAsync(CliEnvironment env, string dir, int months, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var config = DemoConfiguration(dir);
        var storePath = config["Store:Path"]!;
        foreach (var f in new[] { storePath, storePath + "-wal", storePath + "-shm" })
            if (File.Exists(f)) File.Delete(f);

        var today = DateOnly.FromDateTime(env.Clock.GetUtcNow().UtcDateTime);
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-months);
        var options = new SampleOptions(start, today);
        var exportPath = Path.Combine(dir, "billing-export.jsonl");

        await env.Out.WriteLineAsync($"Generating {options.EndExclusive.DayNumber - start.DayNumber} days of hourly billing export for the sample organisation…");
        var rows = await SampleData.WriteExportAsync(exportPath, options, ct);
        await env.Out.WriteLineAsync($"  {rows:N0} rows in {exportPath}");

        await using var context = new CliContext(env, config, storeOverride: null);

        // Costs was "installed" in the production cluster 60 days ago: from then on `collect` sampled it,
        // so node costs from then on are split among workloads, with idle apart; before, they are unallocated.
        var collectFrom = today.AddDays(-60) < start ? start : today.AddDays(-60);
        var samples = await SampleData.SaveClusterSamplesAsync(await context.StoreAsync(ct), collectFrom, today, ct);
        await env.Out.WriteLineAsync($"  {samples:N0} hourly samples of cluster {SampleOrganisation.ProdCluster} since {collectFrom:yyyy-MM-dd}");

        await (await context.StoreAsync(ct)).ReplacePricesAsync(SamplePrices.All, env.Clock.GetUtcNow(), ct);
        var ingested = await (await context.App.IngestFilesAsync(analyze: true, ct)).RunAsync([exportPath], null, 0, null, ct);
        await env.Out.WriteLineAsync($"  {ingested.Load.Lines:N0} billing lines loaded; {ingested.Analysis?.Describe()}");
        var report = await context.App.ReportAsync(ct);
        var outcome = (await report.RunAsync(new ReportRequest(null, false, null, null, null, dir), ct)).Outcome;

        Summary(env, outcome);
        if (outcome.Input.Recommendations is { } recommendations) Recommendations(env, recommendations);

        // Alerts, as a dry run: the chat payloads go to a file, the list of alerts to the screen.
        var alertsPath = Path.Combine(dir, "alerts-dry-run.txt");
        var captured = new StringWriter();
        IReadOnlyList<Alert> alerts = [];
        var alertRun = await context.App.AlertsAsync(ct);
        if (await alertRun.DetectAsync(null, ct) is { } detected)
        {
            var delivered = await alertRun.DeliverAsync(detected, dryRun: true, ct);
            await using var capture = new CliContext(env with { Out = captured, IsTerminal = false }, config, storeOverride: null);
            await AlertsOutput.PrintAsync(capture, delivered);
            alerts = detected.Result.Alerts;
        }
        await File.WriteAllTextAsync(alertsPath, captured.ToString(), ct);
        AlertTable(env, alerts);

        await env.Out.WriteLineAsync();
        await env.Out.WriteLineAsync($"Workbook: {outcome.WorkbookPath}");
        await env.Out.WriteLineAsync($"Chat payloads (Slack, Google Chat, Teams): {alertsPath}");
        await env.Out.WriteLineAsync($"Store:    {storePath}  (try: costs query --store \"{storePath}\" --by team,environment)");
        return ExitCodes.Ok;
    }

    /// <summary>The commitments the demo's history supports (or "wait" with too little), in a few lines.</summary>
    private static void Recommendations(CliEnvironment env, RecommendationSet set)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Commitments ({set.HistoryDays} days of history; details: costs recommend)");
        table.AddColumn("pool");
        table.AddColumn("term");
        table.AddColumn("advice");
        table.AddColumn(new TableColumn("level").RightAligned());
        table.AddColumn(new TableColumn("buy").RightAligned());
        table.AddColumn(new TableColumn("saves a month").RightAligned());
        foreach (var r in set.Commitments.Where(r => r.Type == CommitmentType.Resource))
            table.AddRow(Markup.Escape($"{r.Family} {r.Resource?.ToString().ToLowerInvariant()} {r.Region}"), r.Term == CommitmentTerm.OneYear ? "1 year" : "3 years",
                r.Advice.ToString().ToLowerInvariant(), $"{r.PlanLevel:0.##} {r.Unit}", $"{r.Buy:0.##} {r.Unit}", Terminal.Amount(r.MonthlySavings));
        if (set.Commitments.Count == 0) table.AddRow("(no eligible usage)", "", "", "", "", "");
        Terminal.Console(env).Write(table);
    }

    private static void AlertTable(CliEnvironment env, IReadOnlyList<Alert> alerts)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Alerts the demo data triggers (dry run: nothing was sent)");
        table.AddColumn("severity");
        table.AddColumn("alert");
        table.AddColumn("how much");
        foreach (var a in alerts)
            table.AddRow(a.Severity.ToString().ToLowerInvariant(), Markup.Escape(a.Title), Markup.Escape(a.HowMuch));
        if (alerts.Count == 0) table.AddRow("", "(none)", "");
        Terminal.Console(env).Write(table);
    }

    private static void Summary(CliEnvironment env, ReportOutcome outcome)
    {
        var facts = outcome.Facts;
        var code = facts.Currency.Code;
        var console = Terminal.Console(env);
        var headline = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(outcome.Input.Title)}[/]");
        headline.AddColumn("figure");
        headline.AddColumn(new TableColumn(code).RightAligned());
        headline.AddRow($"Month to date (through {facts.Periods.AsOf:yyyy-MM-dd})", Terminal.Amount(facts.MonthToDate));
        headline.AddRow("Last month, same days", Terminal.Amount(facts.LastMonthSamePeriod));
        headline.AddRow("Change", facts.Change.Ratio is { } r
            ? $"{Terminal.Amount(facts.Change.Amount)} ({r.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture)})"
            : Terminal.Amount(facts.Change.Amount));
        headline.AddRow("Last month, whole", Terminal.Amount(facts.LastMonthTotal));
        headline.AddRow("Unallocated share, month to date", facts.UnallocatedShare?.ToString("0.0%", CultureInfo.InvariantCulture) ?? "-");
        headline.AddRow("Reconciliation difference", outcome.Workbook.ReconciliationDifference.ToString("0.00", CultureInfo.InvariantCulture));
        console.Write(headline);

        var byEnv = Grouping.GroupBy(outcome.Input.Allocations.Where(a => a.Currency == facts.Currency && facts.Periods.MonthToDate.Contains(a.Day)),
            [GroupDimension.Environment, GroupDimension.Kind]);
        var envTable = new Table().Border(TableBorder.Rounded).Title("Month to date by environment");
        envTable.AddColumn("environment");
        envTable.AddColumn("kind");
        envTable.AddColumn(new TableColumn("net " + code).RightAligned());
        foreach (var g in byEnv) envTable.AddRow(Markup.Escape(g.Values[0] ?? "(none)"), g.Values[1]!, Terminal.Amount(g.Totals.Net));
        console.Write(envTable);

        var top = new Table().Border(TableBorder.Rounded).Title("Top services, month to date");
        top.AddColumn("service");
        top.AddColumn(new TableColumn("net " + code).RightAligned());
        top.AddColumn(new TableColumn("vs last month").RightAligned());
        foreach (var s in facts.TopServices.Take(8))
            top.AddRow(Markup.Escape(s.Service), Terminal.Amount(s.MonthToDate),
                s.Change.Ratio?.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture) ?? "new");
        console.Write(top);
    }
}
