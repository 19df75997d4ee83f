using Costs.CostModel.Store;
using Costs.CostReports.Delivery;
using Costs.CostReports.Email;
using Costs.CostReports.Tests.Delivery;

namespace Costs.CostReports.Tests.Email;

/// <summary>Against a real SMTP server on loopback (aiosmtpd); see tests/smtp/start-smtp.sh.</summary>
public sealed class SmtpReportSenderTests
{
    private static EmailOptions Options(int port) => new()
    {
        Host = "127.0.0.1", Port = port, From = "costs@example.com", Platform = ["platform@example.com"], UseStartTls = false,
    };

    private static readonly DeliveryOptions Retry = new() { MaxRetryAttempts = 2, BaseDelay = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task SendOnce_RealSmtpServer_AttachmentByteForByteAndSentOnce()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var f = await StoreFixture.CreateAsync();
        var workbook = Workbooks.Write(f.Directory);
        var sender = new SmtpReportSender(Options(smtp.Port), null, Retry, new InstantTimeProvider());
        var html = ReportEmail.Html(ReportEmailTests.Figures, [ReportEmailTests.OpenAlert]);
        var mail = new ReportMail(["platform@example.com"], ReportEmail.Subject(ReportEmailTests.Figures), html, workbook);
        var key = ReportMailing.Key(null, "2026-11-21T06:00Z");

        var report = await ReportMailing.SendOnceAsync(f.Ledger, sender, key, mail, CancellationToken.None);
        Assert.Equal(DeliveryState.Sent, report.State);
        var again = await ReportMailing.SendOnceAsync(f.Ledger, sender, key, mail, CancellationToken.None);
        Assert.Equal(DeliveryState.AlreadySent, again.State);

        var message = Assert.Single(smtp.Messages());
        Assert.Contains("platform@example.com", message);
        var attachment = Mime.Base64Part(message, ReportEmail.WorkbookMediaType);
        Assert.NotNull(attachment);
        Assert.Equal(await File.ReadAllBytesAsync(workbook), attachment);
        Assert.Contains("costs-2026-11-20.xlsx", Mime.Part(message, ReportEmail.WorkbookMediaType)!.Value.Headers);
        Assert.NotNull(Mime.Part(message, "text/html"));
    }

    [Fact]
    public async Task SendOnce_SmtpDown_ClearErrorWorkbookStaysFailedInLedger()
    {
        await using var f = await StoreFixture.CreateAsync();
        var workbook = Workbooks.Write(f.Directory);
        var before = await File.ReadAllBytesAsync(workbook);
        var sender = new SmtpReportSender(Options(SmtpServer.FreePort()), null, Retry, new InstantTimeProvider());
        var key = ReportMailing.Key("payments", "2026-11-21T06:00Z");
        var mail = new ReportMail(["payments@example.com"], "s", "<p>x</p>", workbook);

        var ex = await Assert.ThrowsAsync<EmailDeliveryException>(() => ReportMailing.SendOnceAsync(f.Ledger, sender, key, mail, CancellationToken.None));
        Assert.Contains(workbook, ex.Message);
        Assert.Contains("3 attempt(s)", ex.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(workbook));
        Assert.Equal(LedgerState.Failed, (await f.Ledger.GetAsync(key, ReportMailing.Channel, CancellationToken.None))!.State);
    }
}
