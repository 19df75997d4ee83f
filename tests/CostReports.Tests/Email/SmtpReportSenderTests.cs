using Costs.CostModel.Store;
using Costs.CostReports.Delivery;
using Costs.CostReports.Email;
using Costs.CostReports.Tests.Delivery;

namespace Costs.CostReports.Tests.Email;

/// <summary>
/// Against a real SMTP server on loopback (aiosmtpd, run by tests/smtp/smtp_server.py; see
/// tests/smtp/start-smtp.sh). This part: plain SMTP, delivery once, and the failures that name what
/// failed. SmtpReportSenderTests.Tls.cs: STARTTLS, implicit TLS, certificates and sign-in.
/// </summary>
public sealed partial class SmtpReportSenderTests : IDisposable
{
    private static readonly DeliveryOptions Retry = new() { MaxRetryAttempts = 2, BaseDelay = TimeSpan.FromSeconds(1) };
    private static readonly DeliveryOptions NoRetry = new() { MaxRetryAttempts = 0 };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costs-mail-" + Guid.NewGuid().ToString("N"));
    private readonly string _workbook;

    public SmtpReportSenderTests()
    {
        Directory.CreateDirectory(_directory);
        _workbook = Workbooks.Write(_directory);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static EmailOptions Options(int port, string security = "None") => new()
    {
        Host = "127.0.0.1", Port = port, From = "costs@example.com", Platform = ["platform@example.com"], Security = security,
    };

    private ReportMail Mail(params string[] to) => new(to.Length == 0 ? ["platform@example.com"] : to, "Costs report", "<p>x</p>", _workbook);

    private static Task<SendResult> SendAsync(EmailOptions options, ReportMail mail, DeliveryOptions? retry = null,
        string? password = null, string? accessToken = null) =>
        new SmtpReportSender(options, password, retry ?? NoRetry, new InstantTimeProvider(), accessToken).SendAsync(mail, CancellationToken.None);

    [Fact]
    public async Task SendOnce_RealSmtpServer_AttachmentByteForByteAndSentOnce()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var f = await StoreFixture.CreateAsync();
        var workbook = Workbooks.Write(f.Directory);
        var sender = new SmtpReportSender(new EmailOptions
        {
            Host = "127.0.0.1", Port = smtp.Port, From = "costs@example.com", Platform = ["platform@example.com"], UseStartTls = false,
        }, null, Retry, new InstantTimeProvider());
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

    [Fact]
    public async Task SendAsync_ConnectionRefused_TransientNamesHostPortRetriedWithBackoff()
    {
        var port = SmtpServer.FreePort();
        var result = await SendAsync(Options(port), Mail(), Retry);
        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.Equal($"cannot connect to 127.0.0.1:{port}: connection refused (nothing listens there), after 3 attempt(s)", result.Outcome);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], result.Delays);
    }

    [Fact]
    public async Task SendAsync_StartTlsRequiredNotOffered_PermanentSaysSo()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var result = await SendAsync(Options(smtp.Port, "StartTls"), Mail(), Retry);
        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Equal(1, result.Attempts);
        Assert.Contains($"127.0.0.1:{smtp.Port} does not offer STARTTLS", result.Outcome);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task SendAsync_RecipientRefused550_PermanentNamesRecipientAndReply()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var result = await SendAsync(Options(smtp.Port), Mail("platform@example.com", "nobody@refused.example"), Retry);
        Assert.True(result.Permanent);
        Assert.Equal(550, result.StatusCode);
        Assert.Equal(1, result.Attempts);
        Assert.StartsWith($"recipient nobody@refused.example refused by 127.0.0.1:{smtp.Port}: 550 ", result.Outcome);
        Assert.Contains("User unknown", result.Outcome);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task SendAsync_RecipientBusy451_TransientRetried()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var result = await SendAsync(Options(smtp.Port), Mail("someone@busy.example"), Retry);
        Assert.False(result.Permanent);
        Assert.Equal(451, result.StatusCode);
        Assert.Equal(3, result.Attempts);
        Assert.Contains("recipient someone@busy.example refused", result.Outcome);
    }

    [Fact]
    public async Task SendAsync_Data451ThenAccepted_RetriedAttachmentWhole()
    {
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(BusyData: 2));
        var result = await SendAsync(Options(smtp.Port), Mail(), Retry);
        Assert.True(result.Delivered, result.Outcome);
        Assert.Equal(3, result.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], result.Delays);
        var message = Assert.Single(smtp.Messages());
        Assert.Equal(await File.ReadAllBytesAsync(_workbook), Mime.Base64Part(message, ReportEmail.WorkbookMediaType));
    }

    [Fact]
    public async Task SendAsync_ServerRequiresStartTlsSecurityNone_Permanent530()
    {
        using var certificate = TestCertificate.Create();
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(ServerTls.RequireStartTls, certificate));
        var result = await SendAsync(Options(smtp.Port), Mail());
        Assert.True(result.Permanent);
        Assert.Equal(530, result.StatusCode);
        Assert.StartsWith($"127.0.0.1:{smtp.Port} answered 530 while sending: Must issue a STARTTLS command first", result.Outcome);
    }

    [Fact]
    public async Task SendAsync_ServerNeverGreets_TimeoutNamesServer()
    {
        // A listener that accepts and says nothing: the client waits for the 220 greeting until its timeout.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            var options = Options(port);
            options.Timeout = TimeSpan.FromMilliseconds(300);
            var result = await SendAsync(options, Mail());
            Assert.False(result.Permanent);
            Assert.Equal($"no answer from 127.0.0.1:{port} within 0.3 s while connecting (if that port speaks implicit TLS, such as 465, set Email:Security to Tls), after 1 attempt(s)", result.Outcome);
        }
        finally
        {
            listener.Stop();
        }
    }
}
