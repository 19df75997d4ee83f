using System.IO.Compression;
using System.Text;
using Costs.Cli;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using Costs.CostReports.Email;
using Costs.CostReports.Tests.Email;
using Costs.Tests.Cli.Verbs;

namespace Costs.Tests.Email;

/// <summary>
/// `costs report --email` end to end: the real command path in-process, a real SMTP server on loopback
/// (aiosmtpd, see tests/smtp/start-smtp.sh), the mail read back from its maildir.
/// </summary>
public sealed class ReportVerbEmailTests
{
    private static string Config(int port) => $$"""
    {
      "Delivery": { "MaxRetryAttempts": 1, "BaseDelay": "00:00:00", "AttemptTimeout": "00:00:10" },
      "Email": {
        "Host": "127.0.0.1", "Port": {{port}}, "UseStartTls": false, "From": "costs@example.com",
        "Platform": ["platform@example.com"],
        "Teams": { "payments": ["payments@example.com"], "search": ["search@example.com"] }
      }
    }
    """;

    /// <summary>Two teams: payments runs checkout (with the spike), search runs search-api.</summary>
    private static IReadOnlyList<AllocationRow> TwoTeams() =>
    [
        .. CliRun.SpikeRows(),
        .. CliRun.SpikeRows().Select(r => r with
        {
            Dimensions = r.Dimensions with { Service = "search-api", Team = "search" },
            Cost = 40m,
            Credits = -1.25m,
        }),
    ];

    [Fact]
    public async Task ReportEmail_Platform_AttachmentIsTheWorkbookByteForByteAndSentOnce()
    {
        await using var smtp = await SmtpServer.StartAsync();
        using var run = new CliRun();
        run.WriteConfig(Config(smtp.Port));
        await run.SeedAsync(TwoTeams());

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("report", "--email", "--out", "out"));
        var message = Assert.Single(smtp.Messages());
        Assert.Contains("platform@example.com", message);
        var workbook = Path.Combine(run.Directory, "out", "costs-report-2026-11-20.xlsx");
        Assert.Equal(await File.ReadAllBytesAsync(workbook), Mime.Base64Part(message, ReportEmail.WorkbookMediaType));
        var html = Html(message);
        Assert.Contains("checkout", html);
        Assert.Contains("search-api", html);
        Assert.Contains("Open alerts", html);

        // The same slot again: nothing new is sent.
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("report", "--email", "--out", "out"));
        Assert.Single(smtp.Messages());
        Assert.Contains("already sent", run.Out.ToString());
    }

    [Fact]
    public async Task ReportEmail_Team_OnlyThatTeamsServicesInMailAndWorkbook()
    {
        await using var smtp = await SmtpServer.StartAsync();
        using var run = new CliRun();
        run.WriteConfig(Config(smtp.Port));
        await run.SeedAsync(TwoTeams());

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("report", "--email", "--team", "payments", "--out", "out"));

        var message = Assert.Single(smtp.Messages());
        Assert.Contains("payments@example.com", message);
        Assert.DoesNotContain("platform@example.com", message);
        var workbook = Path.Combine(run.Directory, "out", "teams", "payments", "costs-report-2026-11-20.xlsx");
        var attached = Mime.Base64Part(message, ReportEmail.WorkbookMediaType);
        Assert.Equal(await File.ReadAllBytesAsync(workbook), attached);
        var sheets = WorkbookText(attached!);
        Assert.Contains("checkout", sheets);
        Assert.Contains("payments", sheets);
        Assert.DoesNotContain("search-api", sheets);
        Assert.DoesNotContain("search-api", Html(message));
        Assert.Contains("team payments", Html(message));
        Assert.Contains("reconciliation difference 0.00", run.Out.ToString());
    }

    [Fact]
    public async Task ReportEmail_FullWorkbook_HoldsEveryTeamAndReconcilesExactly()
    {
        await using var smtp = await SmtpServer.StartAsync();
        using var run = new CliRun();
        run.WriteConfig(Config(smtp.Port));
        await run.SeedAsync(TwoTeams());

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("report", "--email", "--slot", "weekly@2026-11-21T06:00Z", "--out", "out"));
        Assert.Contains("reconciliation difference 0.00", run.Out.ToString());
        var sheets = WorkbookText(await File.ReadAllBytesAsync(Path.Combine(run.Directory, "out", "costs-report-2026-11-20.xlsx")));
        Assert.Contains("checkout", sheets);
        Assert.Contains("search-api", sheets);
        Assert.Contains("report:all:weekly@2026-11-21T06:00Z", run.Out.ToString());
    }

    [Fact]
    public async Task ReportEmail_SmtpDown_ExitsExternalAndWorkbookStays()
    {
        using var run = new CliRun();
        run.WriteConfig(Config(SmtpServer.FreePort()));
        await run.SeedAsync(TwoTeams());

        var code = await run.RunAsync("report", "--email", "--team", "search", "--out", "out");

        Assert.Equal(ExitCodes.External, code);
        var workbook = Path.Combine(run.Directory, "out", "teams", "search", "costs-report-2026-11-20.xlsx");
        Assert.True(File.Exists(workbook));
        var error = run.Error.ToString();
        Assert.Contains("report:search:2026-11-20 was not sent", error);
        Assert.Contains(workbook, error);
    }

    /// <summary>The HTML part, decoded from base64 or quoted-printable as its headers say.</summary>
    private static string Html(string message)
    {
        var (headers, body) = Mime.Part(message, "text/html") ?? throw new Xunit.Sdk.XunitException("The mail has no HTML part.");
        if (headers.Contains("base64", StringComparison.OrdinalIgnoreCase))
            return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n').Select(l => l.Trim()))));
        if (!headers.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase)) return body;
        var joined = body.Replace("=\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Every XML part of an .xlsx, concatenated: what the workbook says, in any sheet.</summary>
    private static string WorkbookText(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }
        return text.ToString();
    }
}
