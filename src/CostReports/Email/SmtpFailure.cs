using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Costs.CostReports.Email;

/// <summary>What the client was doing when an SMTP attempt failed.</summary>
internal enum SmtpStage
{
    /// <summary>TCP connect, TLS (implicit or STARTTLS), the greeting and EHLO: MailKit's ConnectAsync.</summary>
    Connect,
    Authenticate,
    /// <summary>MAIL FROM, RCPT TO and DATA.</summary>
    Send,
}

/// <summary>
/// One failed SMTP attempt, in one line that names the server and what failed. <see cref="Permanent"/>
/// follows SMTP: a 5xx reply, a refused certificate, a missing extension or refused credentials will
/// fail again; 4xx replies, timeouts and connection errors may not. <see cref="StatusCode"/> is the
/// server's reply code when there was one.
/// </summary>
internal sealed record SmtpFailure(string Message, bool Permanent, int? StatusCode)
{
    /// <summary>
    /// Describes <paramref name="ex"/>, thrown by MailKit at <paramref name="stage"/>, or returns null
    /// for an exception that is not an SMTP failure (a bug, a cancellation), which the caller lets go.
    /// <paramref name="certificateRefusal"/> is why the server's certificate was refused, if it was.
    /// </summary>
    public static SmtpFailure? From(Exception ex, SmtpStage stage, EmailOptions options, string? certificateRefusal)
    {
        var server = $"{options.Host}:{options.Port}";
        return ex switch
        {
            SocketException s when stage == SmtpStage.Connect => Transient($"cannot connect to {server}: {Words(s.SocketErrorCode)}"),
            SocketException s => Transient($"connection to {server} lost while {Doing(stage)}: {Words(s.SocketErrorCode)}"),
            TimeoutException => Transient($"no answer from {server} within {Seconds(options.Timeout)} s while {Doing(stage)}{TimeoutHint(stage, options)}"),
            SslHandshakeException tls => Handshake(tls, server, options, certificateRefusal),
            NotSupportedException when stage == SmtpStage.Connect =>
                Final($"{server} does not offer STARTTLS, which {EmailOptions.SectionName}:Security requires (StartTls)"),
            NotSupportedException when stage == SmtpStage.Authenticate =>
                Final($"{server} offers no way to sign in as {options.UserName}: {OneLine(ex.Message)}"),
            AuthenticationException auth => Refused(auth, server, options),
            SmtpCommandException command => Command(command, server, stage),
            // MailKit's name for a 530 reply to MAIL FROM.
            ServiceNotAuthenticatedException => new SmtpFailure(
                $"{server} answered 530 while {Doing(stage)}: {OneLine(ex.Message)} (it wants STARTTLS or a sign-in first)", true, 530),
            SmtpProtocolException protocol => Transient($"SMTP protocol error with {server} while {Doing(stage)}: {OneLine(protocol.Message)}"),
            ServiceNotConnectedException or IOException => Transient($"connection to {server} lost while {Doing(stage)}: {OneLine(ex.Message)}"),
            _ => null,
        };
    }

    private static SmtpFailure Handshake(SslHandshakeException ex, string server, EmailOptions options, string? refusal)
    {
        var what = options.SecurityMode == SmtpSecurity.Tls ? "TLS handshake" : "TLS handshake after STARTTLS";
        if (refusal is not null) return Final($"{what} with {server} failed: {refusal}");
        // A reset in the middle may pass; a server that does not speak TLS there will not.
        var reason = ex.InnerException is { } inner ? $"{inner.GetType().Name}: {OneLine(inner.Message)}" : OneLine(ex.Message);
        var hint = options.SecurityMode == SmtpSecurity.Tls
            ? $" (does that port speak implicit TLS? For 587 or 25 set {EmailOptions.SectionName}:Security to StartTls)" : "";
        return HasSocketError(ex) ? Transient($"{what} with {server} failed: {reason}")
            : Final($"{what} with {server} failed: {reason}{hint}");
    }

    private static SmtpFailure Refused(AuthenticationException ex, string server, EmailOptions options)
    {
        var mechanism = options.UsesOAuth2 ? "XOAUTH2" : "password";
        var code = LeadingCode(ex.Message);
        var message = $"authentication ({mechanism}) as {options.UserName} refused by {server}: {OneLine(ex.Message)}";
        return new SmtpFailure(message, code is null or >= 500, code);
    }

    private static SmtpFailure Command(SmtpCommandException ex, string server, SmtpStage stage)
    {
        var code = (int)ex.StatusCode;
        var reply = $"{code} {OneLine(ex.Message)}";
        var message = ex.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"recipient {ex.Mailbox?.Address} refused by {server}: {reply}",
            SmtpErrorCode.SenderNotAccepted => $"sender {ex.Mailbox?.Address} refused by {server}: {reply}",
            SmtpErrorCode.MessageNotAccepted => $"message refused by {server}: {reply}",
            _ => $"{server} answered {reply} while {Doing(stage)}",
        };
        return new SmtpFailure(message, code >= 500, code);
    }

    /// <summary>A server that says nothing after the connect is often an implicit-TLS port waiting for a TLS hello.</summary>
    private static string TimeoutHint(SmtpStage stage, EmailOptions options) =>
        stage == SmtpStage.Connect && options.SecurityMode != SmtpSecurity.Tls
            ? $" (if that port speaks implicit TLS, such as 465, set {EmailOptions.SectionName}:Security to Tls)" : "";

    private static string Doing(SmtpStage stage) => stage switch
    {
        SmtpStage.Connect => "connecting",
        SmtpStage.Authenticate => "authenticating",
        _ => "sending",
    };

    private static string Words(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused (nothing listens there)",
        SocketError.HostNotFound or SocketError.NoData => "host not found",
        SocketError.TimedOut => "connection timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "unreachable",
        SocketError.ConnectionReset => "connection reset",
        _ => error.ToString(),
    };

    private static bool HasSocketError(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
            if (e is SocketException) return true;
        return false;
    }

    /// <summary>MailKit puts the reply code first in an authentication failure: "535: 5.7.8 …".</summary>
    private static int? LeadingCode(string message) =>
        Regex.Match(message, @"^([2-5]\d\d)\b", RegexOptions.CultureInvariant) is { Success: true } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static SmtpFailure Transient(string message) => new(message, false, null);

    private static SmtpFailure Final(string message) => new(message, true, null);
}
