using MimeKit;

namespace Costs.CostReports.Email;

/// <summary>
/// The MIME message of a report e-mail: the HTML body with the chart as an inline PNG (a linked resource that
/// the body shows as <c>cid:</c>, so the two form a multipart/related), and the workbook attached unchanged (base64).
/// </summary>
internal static class ReportMessage
{
    public static async Task<MimeMessage> BuildAsync(string from, ReportMail mail, CancellationToken ct)
    {
        var message = new MimeMessage { Subject = mail.Subject };
        message.From.Add(Address(from));
        foreach (var to in mail.To) message.To.Add(Address(to));
        var body = new BodyBuilder { HtmlBody = mail.Html };
        if (mail.ChartPng is { } png)
        {
            var chart = (MimePart)body.LinkedResources.Add("daily-cost.png", png, new ContentType("image", "png"));
            chart.ContentId = ReportEmail.ChartContentId;
            chart.ContentTransferEncoding = ContentEncoding.Base64;
        }
        var workbook = (MimePart)await body.Attachments.AddAsync(mail.WorkbookPath, ContentType.Parse(ReportEmail.WorkbookMediaType), ct);
        workbook.ContentTransferEncoding = ContentEncoding.Base64;
        message.Body = body.ToMessageBody();
        return message;
    }

    private static MailboxAddress Address(string text) =>
        EmailAddress.TryParse(text, out var mailbox) ? mailbox : throw new FormatException($"'{text}' is not an e-mail address.");
}
