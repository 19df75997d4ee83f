using System.Text.Json;
using Costs.Cli;
using Costs.Scheduling;
using Costs.Tests.Cli.Verbs;

namespace Costs.Tests.Scheduling;

/// <summary>`costs run` in-process, on real SQLite stores in temp folders.</summary>
public sealed class RunVerbTests
{
    [Fact]
    public async Task Run_FileIngestedStoreNothingConfigured_AnalyzesAlertsAndReports()
    {
        using var run = new CliRun();
        var csv = Path.Combine(AppContext.BaseDirectory, "fixtures", "focus_sample.csv");
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("ingest", "file", "--no-analyze", csv));

        var code = await run.RunAsync("run");

        var output = run.Out.ToString();
        Assert.True(code == ExitCodes.Ok, output + run.Error);
        Assert.Contains("Stage collect skipped: no Kubernetes:Clusters or Kubernetes:Discover configured", output);
        Assert.Contains("Stage ingest skipped: no BigQuery:Table configured", output);
        Assert.Contains("Stage analyze done: 30 day(s)", output);
        Assert.Contains("Stage alert done", output);
        Assert.Contains("Stage report done", output);
        Assert.True(File.Exists(Path.Combine(run.Directory, "reports", "costs-report-2024-09-30.xlsx")));
        // Off a terminal, every line is one JSON log record.
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var record = JsonDocument.Parse(line);
            Assert.True(record.RootElement.TryGetProperty("LogLevel", out _));
        }

        // Again: nothing left to analyze, same result.
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("run"));
        Assert.Contains("every loaded day is analyzed already", run.Out.ToString());
    }

    [Fact]
    public async Task Run_WhileAnotherRunHoldsTheLock_ExitsBusy()
    {
        using var run = new CliRun();
        await run.SeedAsync(CliRun.SpikeRows());
        using var held = RunLock.TryAcquire(run.StorePath);
        Assert.NotNull(held);

        var code = await run.RunAsync("run");

        Assert.Equal(ExitCodes.Busy, code);
        Assert.Contains("holds the lock", run.Error.ToString());
        Assert.DoesNotContain("Stage analyze", run.Out.ToString());
    }

    [Fact]
    public async Task Run_SecretsConfiguredWebhookAndSmtpFail_LaterStagesRunExitExternalNoSecretInOutput()
    {
        using var run = new CliRun();
        await using var receiver = await StatusReceiver.StartAsync(404);
        const string password = "smtp-Pa55word-never-logged";
        run.WriteConfig($$"""
        {
          "Alerts": {
            "Anomaly": { "MinAbsoluteChange": 50, "Sensitivity": 3, "LookbackWeeks": 4, "RecentDays": 1 },
            "Routes": [ { "Channel": "payments" } ],
            "Channels": [ { "Name": "payments", "Kind": "slack", "UrlSecret": "SLACK_PAYMENTS_URL" } ]
          },
          "Delivery": { "MaxRetryAttempts": 1, "BaseDelay": "00:00:00", "AttemptTimeout": "00:00:10" },
          "Email": { "Host": "127.0.0.1", "Port": {{Costs.CostReports.Tests.Email.SmtpServer.FreePort()}}, "From": "costs@example.com",
                     "Platform": ["platform@example.com"], "UserName": "costs", "PasswordSecret": "SMTP_PASSWORD" }
        }
        """);
        run.Variables["SLACK_PAYMENTS_URL"] = receiver.Url;
        run.Variables["SMTP_PASSWORD"] = password;
        await run.SeedAsync(CliRun.SpikeRows());

        var code = await run.RunAsync("run");

        var all = run.Out.ToString() + run.Error;
        Assert.Equal(ExitCodes.External, code);
        Assert.True(receiver.Requests >= 1);
        Assert.Contains("Stage alert failed", all);
        Assert.Contains("Stage report failed", all);
        Assert.DoesNotContain(StatusReceiver.SecretPath, all);
        Assert.DoesNotContain("very-secret-token", all);
        Assert.DoesNotContain(receiver.Url, all);
        Assert.DoesNotContain(password, all);
    }

    [Fact]
    public async Task Run_EmptyStoreNothingConfigured_SkipsReportExitsOk()
    {
        using var run = new CliRun();

        var code = await run.RunAsync("run");

        var output = run.Out.ToString();
        Assert.True(code == ExitCodes.Ok, output + run.Error);
        Assert.Contains("Stage analyze done: every loaded day is analyzed already", output);
        Assert.Contains("Stage report skipped: the store holds no analyzed billing data yet", output);
    }
}
