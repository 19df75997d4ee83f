using Costs.CostModel.Store;
using Costs.CostReports.Delivery;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Costs.CostResilience;

namespace Costs.CostReports.Email;

/// <summary>One report e-mail: who to, the subject, the HTML body, and the workbook to attach.</summary>
public sealed record ReportMail(IReadOnlyList<string> To, string Subject, string Html, string WorkbookPath)
{
    /// <summary>The chart's PNG, attached inline as <see cref="ReportEmail.ChartContentId"/>; null for none.</summary>
    public byte[]? ChartPng { get; init; }
}

/// <summary>
/// Sends report e-mails over SMTP with MailKit: STARTTLS (required when configured), implicit TLS or
/// none, as <see cref="EmailOptions.SecurityMode"/> says; signs in with <paramref name="password"/> or,
/// for XOAUTH2, <paramref name="accessToken"/> (both read by the caller from their secrets; neither
/// appears in a result). A failure says which server and what failed (<see cref="SmtpFailure"/>).
/// Transient failures (4xx replies, connection errors, timeouts) are retried with backoff on
/// <paramref name="clock"/>; 5xx replies and configuration mismatches are permanent.
/// </summary>
public sealed class SmtpReportSender(EmailOptions options, string? password, DeliveryOptions retry, TimeProvider clock,
    string? accessToken = null)
{
    public async Task<SendResult> SendAsync(ReportMail mail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        // A bad address is refused before anything is sent, as a permanent failure (never a half-claimed slot).
        var bad = mail.To.Prepend(options.From).Where(a => !EmailAddress.TryParse(a, out _)).ToList();
        if (bad.Count > 0 || mail.To.Count == 0)
            return new SendResult(false, true, null, 0, mail.To.Count == 0 ? "no recipients" : $"not e-mail addresses: {string.Join(", ", bad)}", []);
        SmtpServerTrust trust;
        try
        {
            trust = options.SecurityMode == SmtpSecurity.None ? SmtpServerTrust.Machine : SmtpServerTrust.Load(options.TrustedCaFile);
        }
        catch (InvalidOperationException ex)
        {
            return new SendResult(false, true, null, 0, ex.Message, []);
        }
        using var message = await ReportMessage.BuildAsync(options.From, mail, ct);
        var attempts = 0;
        var delays = new List<TimeSpan>();
        var failure = await WithRetriesAsync(token =>
        {
            attempts++;
            return AttemptAsync(message, trust, token);
        }, delays, ct);
        var server = $"{options.Host}:{options.Port}";
        if (failure is null) return new SendResult(true, false, 250, attempts, $"accepted by {server}", delays);
        return new SendResult(false, failure.Permanent, failure.StatusCode, attempts,
            $"{failure.Message}, after {attempts} attempt(s){(failure.Permanent ? " (permanent)" : "")}", delays);
    }

    /// <summary>
    /// Retries through the shared <see cref="RetryPipeline"/> (the Delivery section's retry settings):
    /// a transient failure (4xx, timeouts, connection errors) is tried again after the pipeline's wait on
    /// <c>clock</c>; a permanent one is returned at once. Returns the last attempt's failure, or null once one succeeded.
    /// </summary>
    private async Task<SmtpFailure?> WithRetriesAsync(Func<CancellationToken, Task<SmtpFailure?>> attempt, List<TimeSpan> delays,
        CancellationToken ct)
    {
        var pipeline = RetryPipeline.ForOperation(retry.ToRetryOptions(), clock, ex => ex is TransientSmtpFailure, n => delays.Add(n.Delay));
        SmtpFailure? last = null;
        try
        {
            await pipeline.ExecuteAsync(async token =>
            {
                last = await attempt(token);
                if (last is { Permanent: false }) throw new TransientSmtpFailure();
            }, ct);
        }
        catch (TransientSmtpFailure)
        {
            // Retries exhausted: the last attempt's failure is the answer.
        }
        return last;
    }

    /// <summary>Carries a transient attempt's failure through the retry pipeline, which retries exceptions.</summary>
    private sealed class TransientSmtpFailure : Exception;

    /// <summary>One connection: connect (with TLS as configured), sign in when configured, send, quit.</summary>
    private async Task<SmtpFailure?> AttemptAsync(MimeMessage message, SmtpServerTrust trust, CancellationToken ct)
    {
        var check = trust.NewCheck();
        var stage = SmtpStage.Connect;
        using var client = new SmtpClient
        {
            Timeout = (int)Math.Min(int.MaxValue, options.Timeout.TotalMilliseconds),
            ServerCertificateValidationCallback = check.Validate,
        };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, SocketOptions(options.SecurityMode), ct);
            stage = SmtpStage.Authenticate;
            if (await SignInAsync(client, ct) is { } refused) return refused;
            stage = SmtpStage.Send;
            await client.SendAsync(message, ct);
        }
        catch (Exception ex) when (SmtpFailure.From(ex, stage, options, check.Refusal) is { } failure)
        {
            return failure;
        }
        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or SmtpProtocolException or SmtpCommandException)
        {
            // The server has accepted the message (250 after DATA): a lost QUIT changes nothing, and
            // retrying would send the report twice.
        }
        return null;
    }

    /// <summary>Signs in when a user is configured: XOAUTH2 with the access token, else the password (the best mechanism both offer).</summary>
    private async Task<SmtpFailure?> SignInAsync(SmtpClient client, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.UserName)) return null;
        if (!options.UsesOAuth2)
        {
            await client.AuthenticateAsync(options.UserName, password ?? "", ct);
            return null;
        }
        if (!client.AuthenticationMechanisms.Contains("XOAUTH2"))
            return new SmtpFailure($"{options.Host}:{options.Port} does not offer XOAUTH2 (it offers: {Offered(client)})", true, null);
        await client.AuthenticateAsync(new SaslMechanismOAuth2(options.UserName, accessToken ?? ""), ct);
        return null;
    }

    private static string Offered(SmtpClient client) =>
        client.AuthenticationMechanisms.Count == 0 ? "no AUTH" : string.Join(", ", client.AuthenticationMechanisms.Order(StringComparer.Ordinal));

    private static SecureSocketOptions SocketOptions(SmtpSecurity mode) => mode switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };
}

/// <summary>An e-mail that could not be sent. The workbook it carried stays where it was.</summary>
public sealed class EmailDeliveryException(string message) : Exception(message);

/// <summary>
/// Sends each report slot once, through the delivery ledger, under the key
/// <c>report:&lt;team|all&gt;:&lt;slot&gt;</c> and the channel "email".
/// </summary>
public static class ReportMailing
{
    public const string Channel = "email";

    public static string Key(string? team, string slot) => $"report:{(string.IsNullOrEmpty(team) ? "all" : team)}:{slot}";

    /// <summary>
    /// Sends <paramref name="mail"/> unless the ledger says this slot was sent (or may have been).
    /// Throws <see cref="EmailDeliveryException"/> when SMTP failed after retries; the workbook is not
    /// touched, and the slot is recorded as failed so that the next run tries again.
    /// </summary>
    public static async Task<DeliveryReport> SendOnceAsync(DeliveryLedger ledger, SmtpReportSender sender, string key,
        ReportMail mail, CancellationToken ct)
    {
        if (!File.Exists(mail.WorkbookPath))
            throw new EmailDeliveryException($"E-mail {key}: the workbook {mail.WorkbookPath} does not exist.");
        var report = await LedgeredDelivery.DeliverOnceAsync(ledger, key, Channel, token => sender.SendAsync(mail, token), ct);
        if (report.IsFailure)
            throw new EmailDeliveryException($"E-mail {key} was not sent: {report.Detail}. The workbook stays at {mail.WorkbookPath}.");
        return report;
    }
}
