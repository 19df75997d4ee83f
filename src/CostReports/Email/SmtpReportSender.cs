using Costs.CostModel.Store;
using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Net.Sockets;
using Costs.CostReports.Delivery;
using Polly;
using Polly.Retry;

namespace Costs.CostReports.Email;

/// <summary>One report e-mail: who to, the subject, the HTML body, and the workbook to attach.</summary>
public sealed record ReportMail(IReadOnlyList<string> To, string Subject, string Html, string WorkbookPath);

/// <summary>
/// Sends report e-mails over SMTP with System.Net.Mail (STARTTLS when <see cref="EmailOptions.UseStartTls"/>).
/// Transient failures (4xx replies, connection and I/O errors) are retried with backoff on
/// <paramref name="clock"/>; 5xx replies are permanent. The password is passed in, read by the caller
/// from its secret; it never appears in a result.
/// </summary>
public sealed class SmtpReportSender(EmailOptions options, string? password, DeliveryOptions retry, TimeProvider clock)
{
    public async Task<SendResult> SendAsync(ReportMail mail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        // A bad address is refused before anything is sent, as a permanent failure (never a half-claimed slot).
        var bad = mail.To.Prepend(options.From).Where(a => !MailAddress.TryCreate(a, out _)).ToList();
        if (bad.Count > 0 || mail.To.Count == 0)
            return new SendResult(false, true, null, 0, mail.To.Count == 0 ? "no recipients" : $"not e-mail addresses: {string.Join(", ", bad)}", []);
        var delays = new List<TimeSpan>();
        var attempts = 0;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, retry.MaxRetryAttempts),
                Delay = retry.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = args => new ValueTask<bool>(retry.MaxRetryAttempts > 0 && args.Outcome.Exception is { } ex && IsTransient(ex)),
                OnRetry = args =>
                {
                    delays.Add(args.RetryDelay);
                    return default;
                },
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                using var message = Build(mail);
                using var client = new SmtpClient(options.Host, options.Port)
                {
                    EnableSsl = options.UseStartTls,
                    DeliveryMethod = SmtpDeliveryMethod.Network,
                    Timeout = (int)Math.Min(int.MaxValue, options.Timeout.TotalMilliseconds),
                };
                if (!string.IsNullOrEmpty(options.UserName))
                {
                    client.UseDefaultCredentials = false;
                    client.Credentials = new NetworkCredential(options.UserName, password);
                }
                await client.SendMailAsync(message, token);
            }, ct);
            return new SendResult(true, false, 250, attempts, $"accepted by {options.Host}:{options.Port}", delays);
        }
        catch (SmtpException ex)
        {
            var permanent = !IsTransient(ex);
            return new SendResult(false, permanent, (int)ex.StatusCode, attempts,
                $"SMTP {(int)ex.StatusCode} {ex.StatusCode} from {options.Host}:{options.Port} after {attempts} attempt(s){(permanent ? " (permanent)" : "")}", delays);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            return new SendResult(false, false, null, attempts, $"connection to {options.Host}:{options.Port} failed after {attempts} attempt(s): {ex.GetType().Name}", delays);
        }
    }

    private MailMessage Build(ReportMail mail)
    {
        var message = new MailMessage { From = new MailAddress(options.From), Subject = mail.Subject, Body = mail.Html, IsBodyHtml = true };
        foreach (var to in mail.To) message.To.Add(to);
        var attachment = new Attachment(mail.WorkbookPath, new ContentType(ReportEmail.WorkbookMediaType));
        attachment.ContentDisposition!.FileName = Path.GetFileName(mail.WorkbookPath);
        attachment.Name = Path.GetFileName(mail.WorkbookPath);
        message.Attachments.Add(attachment);
        return message;
    }

    internal static bool IsTransient(Exception ex) => ex switch
    {
        SmtpException s => s.StatusCode is SmtpStatusCode.ServiceNotAvailable or SmtpStatusCode.MailboxBusy
                               or SmtpStatusCode.LocalErrorInProcessing or SmtpStatusCode.InsufficientStorage
                               or SmtpStatusCode.GeneralFailure or SmtpStatusCode.ServiceClosingTransmissionChannel
                           || s.InnerException is IOException or SocketException,
        IOException or SocketException => true,
        _ => false,
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
