using Costs.Cli;

namespace Costs.Tests.Cli.Verbs;

public sealed class ConfigCheckVerbTests
{
    [Fact]
    public async Task Check_ValidConfig_Ok()
    {
        using var run = new CliRun();
        run.WriteConfig("""
        {
          "Alerts": { "Channels": [ { "Name": "ops", "Kind": "teams", "UrlSecret": "TEAMS_URL" } ], "Routes": [ { "Channel": "ops" } ] },
          "Email": { "Host": "smtp.example.com", "From": "costs@example.com", "Platform": ["p@example.com"], "Teams": { "payments": ["pay@example.com"] } },
          "Schedules": { "Collect": "0 */5 * * * ?", "Ingest": "0 0 * * * ?", "Analyze": "0 30 5 * * ?", "Alert": "0 0 6 * * ?",
                         "Reports": [ { "Name": "weekly-payments", "Cron": "0 0 7 ? * MON", "Team": "payments" } ] }
        }
        """);
        run.Variables["TEAMS_URL"] = "https://example.webhook.office.com/workflows/abc";
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("config", "check"));
        Assert.Contains("valid", run.Out.ToString());
    }

    [Fact]
    public async Task Check_Errors_NamedByPathExitUsage()
    {
        using var run = new CliRun();
        run.WriteConfig("""
        {
          "Alerts": { "Budgets": [ { "Scope": "team", "Name": "payments", "Monthly": 0 } ],
                      "Channels": [ { "Name": "ops", "Kind": "slack", "UrlSecret": "SLACK_URL" }, { "Name": "x", "Kind": "slack", "UrlSecret": "NOT_SET" } ] },
          "Email": { "Host": "smtp.example.com", "Port": 465, "From": "costs@example.com", "Platform": ["p@example.com"] },
          "Schedules": { "Ingest": "0 * * * *", "Reports": [ { "Name": "r", "Cron": "0 0 7 ? * MON", "Team": "search" } ] }
        }
        """);
        run.Variables["SLACK_URL"] = "ftp://hooks.example.com/secret-part";
        Assert.Equal(ExitCodes.Usage, await run.RunAsync("config", "check"));
        var e = run.Error.ToString();
        Assert.Contains("Alerts:Budgets:0:Monthly", e);
        Assert.Contains("Alerts:Channels:0:UrlSecret: the value of secret SLACK_URL is not an absolute https URL", e);
        Assert.Contains("Alerts:Channels:1:UrlSecret: Secret NOT_SET is not set", e);
        Assert.Contains("Email:Port", e);
        Assert.Contains("Schedules:Ingest", e);
        Assert.Contains("Schedules:Reports:0:Team", e);
        Assert.DoesNotContain("secret-part", e + run.Out);
    }

    [Fact]
    public async Task Check_RulesClustersAndBigQuery_NamedByPath()
    {
        using var run = new CliRun();
        run.WriteConfig("""
        {
          "Attribution": { "ServiceLabels": [ "" ], "ProjectEnvironments": [ { "Pattern": "a(b", "Environment": "x" } ] },
          "Kubernetes": { "Clusters": [ { "Name": "prod" } ] },
          "BigQuery": { "Table": "not a table" }
        }
        """);
        Assert.Equal(ExitCodes.Usage, await run.RunAsync("config", "check"));
        var e = run.Error.ToString();
        Assert.Contains("Attribution:ServiceLabels:0: a label key is blank.", e);
        Assert.Contains("Attribution:ProjectEnvironments:0:Pattern", e);
        Assert.Contains("Kubernetes:Clusters:0", e);
        Assert.Contains("BigQuery:Table", e);
    }

    [Fact]
    public async Task Check_EmailTokenAndCaFileUnreadable_NamedByPath()
    {
        using var run = new CliRun();
        var missing = Path.Combine(Path.GetTempPath(), "costs-no-such-dir-" + Guid.NewGuid().ToString("N"), "ca.pem");
        run.WriteConfig($$"""
        {
          "Email": { "Host": "smtp.example.com", "Port": 465, "Security": "Tls", "From": "costs@example.com", "Platform": ["p@example.com"],
                     "UserName": "costs@example.com", "AccessTokenSecret": "SMTP_TOKEN_NOT_SET", "TrustedCaFile": "{{missing}}" }
        }
        """);
        Assert.Equal(ExitCodes.Usage, await run.RunAsync("config", "check"));
        var e = run.Error.ToString();
        Assert.Contains("Email:AccessTokenSecret: Secret SMTP_TOKEN_NOT_SET is not set", e);
        Assert.Contains($"Email:TrustedCaFile: {missing}: cannot be read", e);
        Assert.DoesNotContain("Email:Port", e);
    }

    [Fact]
    public async Task Check_UnbindableValue_NamesSection()
    {
        using var run = new CliRun();
        run.WriteConfig("""{ "Alerts": { "UnallocatedShareThreshold": "lots" } }""");
        Assert.Equal(ExitCodes.Usage, await run.RunAsync("config", "check"));
        Assert.Contains("Alerts", run.Error.ToString());
    }

    [Fact]
    public async Task Check_MisspelledKeysAndWrongShapes_EveryOneNamedByPath()
    {
        using var run = new CliRun();
        run.WriteConfig("""
        {
          "Stor": { "Path": "elsewhere.db" },
          "Alerts": { "Budgetz": [ { "Scope": "team", "Name": "payments", "Monthly": 100 } ],
                      "Anomaly": { "Sensitivty": 3, "MinAbsoluteChange": "lots" } },
          "Attribution": { "ServiceLabels": "team", "TeamLabels": { "a": "b" }, "ServiceOwners": { "any-service": "payments" } },
          "Email": { "Teams": { "payments": ["pay@example.com"] }, "Port": [ 25 ] },
          "Kubernetes": { "IdleMode": "Spread", "Clustres": [] }
        }
        """);
        Assert.Equal(ExitCodes.Usage, await run.RunAsync("config", "check"));
        var e = run.Error.ToString();
        Assert.Contains("Stor: unknown section (did you mean 'Store'?)", e);
        Assert.Contains("Alerts:Budgetz: unknown key (did you mean 'Budgets'?)", e);
        Assert.Contains("Alerts:Anomaly:Sensitivty: unknown key (did you mean 'Sensitivity'?)", e);
        Assert.Contains("Alerts:Anomaly:MinAbsoluteChange: 'lots' is not a number", e);
        Assert.Contains("Attribution:ServiceLabels: a single value ('team') where a list is wanted", e);
        Assert.Contains("Attribution:TeamLabels: an object where a list is wanted", e);
        Assert.Contains("Email:Port: a list where a single value (a whole number) is wanted", e);
        Assert.Contains("Kubernetes:Clustres: unknown key (did you mean 'Clusters'?)", e);
        Assert.DoesNotContain("ServiceOwners", e);
        Assert.DoesNotContain("Email:Teams", e);
        Assert.DoesNotContain("IdleMode", e);
    }

    [Fact]
    public async Task Query_MisspelledSection_RefusedNamingIt()
    {
        using var run = new CliRun();
        run.WriteConfig("""{ "Stor": { "Path": "elsewhere.db" } }""");
        Assert.Equal(ExitCodes.Usage, await run.RunAsync("query", "--by", "service", "--from", "2026-10-01", "--to", "2026-10-31"));
        Assert.Contains("Stor: unknown section", run.Error.ToString());
    }

    [Fact]
    public async Task Check_SettingsFromEnvironmentVariables_Valid()
    {
        using var run = new CliRun();
        run.Variables["COSTS_Attribution__ServiceLabels__0"] = "component";
        run.Variables["COSTS_Alerts__Anomaly__Sensitivity"] = "3";
        run.Variables["COSTS_GOOGLE_ACCESS_TOKEN"] = "a-token";
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("config", "check"));
        run.Variables["COSTS_Attribution__ServiceLabelz__0"] = "component";
        Assert.Equal(ExitCodes.Usage, await run.RunAsync("config", "check"));
        Assert.Contains("Attribution:ServiceLabelz: unknown key", run.Error.ToString());
    }
}
