using Costs.CostReports.Email;

namespace Costs.CostReports.Tests.Email;

/// <summary>
/// STARTTLS, implicit TLS, the server certificate (a self-signed one made per test, trusted through
/// Email:TrustedCaFile) and sign-in (PLAIN/LOGIN with a password, XOAUTH2 with a bearer token).
/// </summary>
public sealed partial class SmtpReportSenderTests
{
    private readonly TestCertificate _certificate = TestCertificate.Create();

    /// <summary>Options that trust the test certificate and, with <paramref name="user"/>, sign in (XOAUTH2 when <paramref name="oauth2"/>).</summary>
    private EmailOptions Trusting(int port, string security, string? user = null, bool oauth2 = false)
    {
        var options = Options(port, security);
        options.TrustedCaFile = _certificate.CertificatePath;
        options.UserName = user;
        if (user is not null && oauth2) options.AccessTokenSecret = "SMTP_ACCESS_TOKEN";
        else if (user is not null) options.PasswordSecret = "SMTP_PASSWORD";
        return options;
    }

    [Fact]
    public async Task SendAsync_StartTlsTrustedCa_ArrivesWithAttachment()
    {
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(ServerTls.RequireStartTls, _certificate));
        var result = await SendAsync(Trusting(smtp.Port, "StartTls"), Mail());
        Assert.True(result.Delivered, result.Outcome);
        var message = Assert.Single(smtp.Messages());
        Assert.Equal(await File.ReadAllBytesAsync(_workbook), Mime.Base64Part(message, ReportEmail.WorkbookMediaType));
    }

    [Fact]
    public async Task SendAsync_ImplicitTlsTrustedCa_Arrives()
    {
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(ServerTls.Implicit, _certificate));
        var result = await SendAsync(Trusting(smtp.Port, "Tls"), Mail());
        Assert.True(result.Delivered, result.Outcome);
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task SendAsync_CertificateNotTrusted_PermanentTlsErrorNamesServerAndOption()
    {
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(ServerTls.RequireStartTls, _certificate));
        var result = await SendAsync(Options(smtp.Port, "StartTls"), Mail(), Retry);
        Assert.True(result.Permanent);
        Assert.Equal(1, result.Attempts);
        Assert.StartsWith($"TLS handshake after STARTTLS with 127.0.0.1:{smtp.Port} failed: its certificate (CN=costs-test-smtp) is not trusted", result.Outcome);
        Assert.Contains("Email:TrustedCaFile", result.Outcome);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task SendAsync_OtherCaTrusted_StillRefused()
    {
        using var other = TestCertificate.Create("another-ca");
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(ServerTls.Implicit, _certificate));
        var options = Options(smtp.Port, "Tls");
        options.TrustedCaFile = other.CertificatePath;
        var result = await SendAsync(options, Mail());
        Assert.True(result.Permanent);
        Assert.Contains("does not chain to Email:TrustedCaFile", result.Outcome);
    }

    [Fact]
    public async Task SendAsync_TrustedCaOtherHostName_StillRefused()
    {
        using var ipOnly = TestCertificate.Create(forLocalhost: false);
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(ServerTls.Implicit, ipOnly));
        var options = Options(smtp.Port, "Tls");
        options.Host = "localhost";
        options.TrustedCaFile = ipOnly.CertificatePath;
        var result = await SendAsync(options, Mail());
        Assert.True(result.Permanent);
        Assert.Equal($"TLS handshake with localhost:{smtp.Port} failed: its certificate (CN=costs-test-smtp) is not issued for this host name, after 1 attempt(s) (permanent)", result.Outcome);
    }

    [Fact]
    public async Task SendAsync_ImplicitTlsToPlainServer_PermanentTlsError()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var result = await SendAsync(Trusting(smtp.Port, "Tls"), Mail(), Retry);
        Assert.True(result.Permanent);
        Assert.StartsWith($"TLS handshake with 127.0.0.1:{smtp.Port} failed:", result.Outcome);
    }

    [Fact]
    public async Task SendAsync_CaFileMissing_PermanentWithoutConnecting()
    {
        var options = Options(SmtpServer.FreePort(), "Tls");
        options.TrustedCaFile = Path.Combine(_directory, "missing.pem");
        var result = await SendAsync(options, Mail());
        Assert.True(result.Permanent);
        Assert.Equal(0, result.Attempts);
        Assert.StartsWith($"Email:TrustedCaFile: {options.TrustedCaFile}: cannot be read", result.Outcome);
    }

    [Fact]
    public async Task SendAsync_Password_SignsInAndArrives()
    {
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(ServerTls.RequireStartTls, _certificate, Login: ("costs", "s3cret")));
        var options = Trusting(smtp.Port, "StartTls", "costs");
        var result = await SendAsync(options, Mail(), password: "s3cret");
        Assert.True(result.Delivered, result.Outcome);
        Assert.Matches("^(PLAIN|LOGIN) costs$", Assert.Single(smtp.SignIns()));
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task SendAsync_WrongPassword_PermanentAuthenticationRefused()
    {
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(ServerTls.RequireStartTls, _certificate, Login: ("costs", "s3cret")));
        var options = Trusting(smtp.Port, "StartTls", "costs");
        var result = await SendAsync(options, Mail(), Retry, password: "wrong");
        Assert.True(result.Permanent);
        Assert.Equal(535, result.StatusCode);
        Assert.Equal(1, result.Attempts);
        Assert.StartsWith($"authentication (password) as costs refused by 127.0.0.1:{smtp.Port}: 535", result.Outcome);
        Assert.DoesNotContain("wrong", result.Outcome);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task SendAsync_XOAuth2_SendsUserAndTokenAndArrives()
    {
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(ServerTls.Implicit, _certificate,
            Login: ("costs@example.com", "unused-password"), OAuth2: ("costs@example.com", "ya29.token-123")));
        var options = Trusting(smtp.Port, "Tls", "costs@example.com", oauth2: true);
        var result = await SendAsync(options, Mail(), accessToken: "ya29.token-123");
        Assert.True(result.Delivered, result.Outcome);
        Assert.Equal(["XOAUTH2 costs@example.com"], smtp.SignIns());
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task SendAsync_XOAuth2WrongToken_PermanentAuthenticationRefused()
    {
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(ServerTls.Implicit, _certificate, OAuth2: ("costs@example.com", "ya29.token-123")));
        var options = Trusting(smtp.Port, "Tls", "costs@example.com", oauth2: true);
        var result = await SendAsync(options, Mail(), Retry, accessToken: "expired");
        Assert.True(result.Permanent);
        Assert.Equal(535, result.StatusCode);
        Assert.StartsWith($"authentication (XOAUTH2) as costs@example.com refused by 127.0.0.1:{smtp.Port}: 535", result.Outcome);
        Assert.Empty(smtp.SignIns());
    }

    [Fact]
    public async Task SendAsync_XOAuth2NotOffered_PermanentListsWhatIs()
    {
        await using var smtp = await SmtpServer.StartAsync(new SmtpServerSetup(ServerTls.Implicit, _certificate, Login: ("costs", "s3cret")));
        var options = Trusting(smtp.Port, "Tls", "costs", oauth2: true);
        var result = await SendAsync(options, Mail(), Retry, accessToken: "ya29.token-123");
        Assert.True(result.Permanent);
        Assert.Equal($"127.0.0.1:{smtp.Port} does not offer XOAUTH2 (it offers: LOGIN, PLAIN), after 1 attempt(s) (permanent)", result.Outcome);
    }
}
