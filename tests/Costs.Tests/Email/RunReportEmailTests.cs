using Costs.Cli;
using Costs.CostReports.Email;
using Costs.CostReports.Tests.Email;
using Costs.Tests.Cli.Verbs;

namespace Costs.Tests.Email;

/// <summary>`costs run` mails the due report slots once each, against a real SMTP server on loopback.</summary>
public sealed class RunReportEmailTests
{
    [Fact]
    public async Task Run_ScheduledReportsTwice_EachSlotMailedOnce()
    {
        await using var smtp = await SmtpServer.StartAsync();
        using var run = new CliRun();
        run.WriteConfig($$"""
        {
          "Delivery": { "MaxRetryAttempts": 1, "BaseDelay": "00:00:00" },
          "Email": { "Host": "127.0.0.1", "Port": {{smtp.Port}}, "UseStartTls": false, "From": "costs@example.com",
                     "Platform": ["platform@example.com"], "Teams": { "payments": ["payments@example.com"] } },
          "Schedules": { "Reports": [
            { "Name": "daily", "Cron": "0 0 0 1 * ?" },
            { "Name": "pay", "Cron": "0 0 0 1 * ?", "Team": "payments" } ] }
        }
        """);
        await run.SeedAsync(CliRun.SpikeRows());

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("run"));
        var messages = smtp.Messages();
        Assert.Equal(2, messages.Count);
        Assert.Single(messages, m => m.Contains("To: payments@example.com", StringComparison.Ordinal));
        var team = Path.Combine(run.Directory, "reports", "teams", "payments", "costs-report-2026-11-20.xlsx");
        var mailed = messages.Single(m => m.Contains("To: payments@example.com", StringComparison.Ordinal));
        Assert.Equal(await File.ReadAllBytesAsync(team), Mime.Base64Part(mailed, ReportEmail.WorkbookMediaType));

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("run"));
        Assert.Equal(2, smtp.Messages().Count);
        Assert.Contains("already sent", run.Out.ToString());
    }
}
