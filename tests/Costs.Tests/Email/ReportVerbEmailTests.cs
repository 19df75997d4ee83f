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

    /// <summary>
    /// The picture in the mail: an inline PNG that the HTML shows by its Content-ID, and beside it a table whose
    /// every cell (day × environment, and the day's total) is what `costs query --by day,environment` says for
    /// the report's month, formatted as the mail formats money.
    /// </summary>
    [Fact]
    public async Task ReportEmail_Platform_ChartIsAnInlinePngByCidAndTheTableEqualsTheQuery()
    {
        await using var smtp = await SmtpServer.StartAsync();
        using var run = new CliRun();
        run.WriteConfig(Config(smtp.Port));
        await run.SeedAsync(TwoTeams());

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("report", "--email", "--out", "out"));
        var message = Assert.Single(smtp.Messages());

        var (imageHeaders, _) = Mime.Part(message, "image/png") ?? throw new Xunit.Sdk.XunitException("The mail has no image/png part.");
        var png = Mime.Base64Part(message, "image/png")!;
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Contains($"Content-Id: <{ReportEmail.ChartContentId}>", imageHeaders, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("multipart/related", message, StringComparison.Ordinal);
        var html = Html(message);
        Assert.Contains($"<img src=\"cid:{ReportEmail.ChartContentId}\"", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"Line chart: Daily net cost by environment, November 2026", html, StringComparison.Ordinal);

        var table = DailyTable(html);
        run.Out.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("query", "--by", "day,environment", "--from", "2026-11-01", "--to", "2026-11-20", "--format", "json"));
        using var query = System.Text.Json.JsonDocument.Parse(run.Out.ToString());
        var expected = new Dictionary<(string Day, string Column), string>();
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var row in query.RootElement.GetProperty("rows").EnumerateArray())
        {
            var day = row.GetProperty("day").GetString()!;
            var net = row.GetProperty("net").GetDecimal();
            expected[(day, row.GetProperty("environment").GetString() ?? "(none)")] = MoneyText.Format(net, Currency.Usd);
            totals[day] = totals.GetValueOrDefault(day) + net;
        }
        foreach (var (day, total) in totals) expected[(day, "Total")] = MoneyText.Format(total, Currency.Usd);
        Assert.True(expected.Count >= 4);
        foreach (var (key, value) in expected) Assert.Equal(value, table[key]);
        // Cells the query has no row for are days without cost in that environment: zero.
        Assert.All(table.Where(c => !expected.ContainsKey(c.Key)), c => Assert.Equal("$0.00", c.Value));
    }

    /// <summary>The cells of the mail's daily table: (day, column header) → text.</summary>
    private static Dictionary<(string Day, string Column), string> DailyTable(string html)
    {
        var start = html.IndexOf("<table id=\"daily\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The mail has no daily table.");
        var table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        var rows = table.Split("<tr>", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        static List<string> Cells(string row) => System.Text.RegularExpressions.Regex.Matches(row, "<t[hd][^>]*>(?:<strong>)?(.*?)(?:</strong>)?</t[hd]>")
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var header = Cells(rows[0]);
        var cells = new Dictionary<(string, string), string>();
        foreach (var row in rows.Skip(1))
        {
            var values = Cells(row);
            for (var i = 1; i < values.Count; i++) cells[(values[0], header[i])] = values[i];
        }
        return cells;
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
