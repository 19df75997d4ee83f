using Costs.Cli;

namespace Costs.Tests.Cli.Verbs;

public sealed class AlertVerbTests
{
    private static string Config(string kind = "slack", string secret = "SLACK_PAYMENTS_URL",
        string delivery = """{ "MaxRetryAttempts": 1, "BaseDelay": "00:00:00", "AttemptTimeout": "00:00:10" }""") => $$"""
    {
      "Alerts": {
        "Budgets": [ { "Scope": "team", "Name": "payments", "Monthly": 2500, "Thresholds": [50, 90, 100] } ],
        "Anomaly": { "MinAbsoluteChange": 50, "Sensitivity": 3, "LookbackWeeks": 4, "RecentDays": 1 },
        "Routes": [ { "Team": "payments", "Channel": "payments" } ],
        "Channels": [ { "Name": "payments", "Kind": "{{kind}}", "UrlSecret": "{{secret}}" } ]
      },
      "Delivery": {{delivery}},
      "Email": { "Host": "smtp.example.com", "Port": 587, "From": "costs@example.com", "Platform": ["platform@example.com"],
                 "UserName": "costs", "PasswordSecret": "SMTP_PASSWORD" }
    }
    """;

    [Fact]
    public async Task Alert_DryRun_PrintsSpikeAndBudgetPayloadsSendsNothing()
    {
        using var run = new CliRun();
        await using var receiver = await StatusReceiver.StartAsync(200);
        run.WriteConfig(Config());
        run.Variables["SLACK_PAYMENTS_URL"] = receiver.Url;
        await run.SeedAsync(CliRun.SpikeRows());

        var code = await run.RunAsync("alert", "--dry-run");

        Assert.Equal(ExitCodes.Ok, code);
        var output = run.Out.ToString();
        Assert.Contains("anomaly:service=checkout,environment=production:2026-11-20", output);
        Assert.Contains("budget:team=payments:2026-11:100", output);
        Assert.Contains("\"blocks\"", output);
        Assert.Contains("dry run", output);
        Assert.Equal(0, receiver.Requests);
    }

    [Fact]
    public async Task Alert_Twice_SecondRunSendsNothingNew()
    {
        using var run = new CliRun();
        await using var receiver = await StatusReceiver.StartAsync(200);
        run.WriteConfig(Config());
        run.Variables["SLACK_PAYMENTS_URL"] = receiver.Url;
        await run.SeedAsync(CliRun.SpikeRows());

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("alert"));
        var sent = receiver.Requests;
        Assert.True(sent >= 2);
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("alert"));
        Assert.Equal(sent, receiver.Requests);
        Assert.Contains("already sent", run.Out.ToString());
    }

    [Fact]
    public async Task Alert_SlowReceiverTwoRuns_EachAlertReceivedOnceAndReportedOutcomeUnknown()
    {
        using var run = new CliRun();
        await using var receiver = await StatusReceiver.StartAsync(200, slow: true);
        run.WriteConfig(Config(delivery: """{ "MaxRetryAttempts": 3, "BaseDelay": "00:00:00", "AttemptTimeout": "00:00:01" }"""));
        run.Variables["SLACK_PAYMENTS_URL"] = receiver.Url;
        await run.SeedAsync(CliRun.SpikeRows());

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("alert"));
        var received = receiver.Requests;
        Assert.True(received >= 2);
        Assert.Equal(received, UnknownRows(run.Out.ToString()));
        Assert.Contains("not resent automatically", run.Out.ToString());

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("alert"));
        Assert.Equal(received, receiver.Requests);
        Assert.Equal(received, UnknownRows(run.Out.ToString()));
        Assert.DoesNotContain("already sent", run.Out.ToString());
    }

    private static int UnknownRows(string output) =>
        output.Split('\n').Count(l => l.Contains("outcome unknown  outcome unknown, not repeated", StringComparison.Ordinal));

    [Fact]
    public async Task Alert_FailingWebhookWithSecrets_ExitsExternalAndNoSecretInAnyOutput()
    {
        using var run = new CliRun();
        await using var receiver = await StatusReceiver.StartAsync(404);
        const string password = "smtp-Pa55word-do-not-log";
        run.WriteConfig(Config());
        run.Variables["SLACK_PAYMENTS_URL"] = receiver.Url;
        run.Variables["SMTP_PASSWORD"] = password;
        await run.SeedAsync(CliRun.SpikeRows());

        var all = new System.Text.StringBuilder();
        var code = await run.RunAsync("alert");
        all.Append(run.Out).Append(run.Error);
        Assert.Equal(ExitCodes.External, code);
        Assert.Contains("failed (permanent)", run.Out.ToString());
        Assert.Contains("HTTP 404", run.Out.ToString());

        // The same secrets through the other verbs that read them.
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("alert", "--dry-run"));
        all.Append(run.Out).Append(run.Error);
        await run.RunAsync("config", "check");
        all.Append(run.Out).Append(run.Error);

        var text = all.ToString();
        Assert.DoesNotContain(receiver.Url, text);
        Assert.DoesNotContain(StatusReceiver.SecretPath, text);
        Assert.DoesNotContain("very-secret-token", text);
        Assert.DoesNotContain(password, text);
    }

    [Fact]
    public async Task Alert_MissingSecret_ReportedByNameExitsExternal()
    {
        using var run = new CliRun();
        run.WriteConfig(Config());
        await run.SeedAsync(CliRun.SpikeRows());
        Assert.Equal(ExitCodes.External, await run.RunAsync("alert"));
        Assert.Contains("SLACK_PAYMENTS_URL", run.Out.ToString());
    }

    [Fact]
    public async Task Alert_EmptyStore_NothingToJudge()
    {
        using var run = new CliRun();
        run.WriteConfig(Config());
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("alert"));
        Assert.Contains("nothing to judge", run.Out.ToString());
    }

    [Fact]
    public async Task Alert_InvalidConfig_Usage()
    {
        using var run = new CliRun();
        run.WriteConfig("""{ "Alerts": { "Budgets": [ { "Scope": "squad", "Name": "x", "Monthly": 10 } ] } }""");
        Assert.Equal(ExitCodes.Usage, await run.RunAsync("alert"));
        Assert.Contains("Alerts:Budgets:0:Scope", run.Error.ToString());
    }
}
