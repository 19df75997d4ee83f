using Costs.CostModel.Money;
using Costs.CostReports.Chat;
using Costs.CostReports.Email;

namespace Costs.CostReports.Tests.Email;

public sealed class ReportEmailTests
{
    internal static readonly ReportFigures Figures = new("team payments", new DateOnly(2026, 11, 20), Currency.Usd,
        MonthToDate: 12_345.67m, LastMonthSamePeriod: 10_000m, LastMonth: 15_500.10m,
        TopMovers: [new Mover("checkout <v2> & co", 1_000m, 2_500.5m), new Mover("ledger", 900m, 400m)]);

    internal static readonly ChatMessage OpenAlert = new("budget:team=payments:2026-11:90", "warning",
        "Budget 90% reached: team payments", "Spend of team payments in 2026-11 has reached 92.3% of its monthly budget.",
        [new ChatFact("How much", "$12,345.67 month to date"), new ChatFact("Compared with", "monthly budget $13,375.00")],
        "Check the largest services of payments this month.");

    [Fact]
    public void Html_Figures_FormattedAndEscaped()
    {
        var html = ReportEmail.Html(Figures, [OpenAlert]);
        Assert.Contains("$12,345.67", html);
        Assert.Contains("+$2,345.67 (+23.5%)", html);
        Assert.Contains("checkout &lt;v2&gt; &amp; co", html);
        Assert.DoesNotContain("<v2>", html);
        Assert.Contains("Budget 90% reached: team payments", html);
        Assert.Contains("-$500.00", html);
    }

    [Fact]
    public void Html_ControlAndBidiCharactersInData_AreStripped()
    {
        var figures = Figures with
        {
            Scope = "team pay\r\nBcc: x@evil.example",
            TopMovers = [new Mover("evil\u001b[31m\0name\u202e1.0$", 1m, 2m)],
        };
        var alert = OpenAlert with { What = "line\u0007bell\u0085next" };
        var html = ReportEmail.Html(figures, [alert]);
        Assert.DoesNotContain(html, c => char.IsControl(c) && c != '\n');
        Assert.DoesNotContain('\u202e', html);
        Assert.Contains("evil[31mname1.0$", html);
        Assert.Contains("linebellnext", html);
        Assert.Contains("team pay  Bcc: x@evil.example", html);
        Assert.DoesNotContain(ReportEmail.Subject(figures), c => char.IsControl(c));
    }

    [Fact]
    public void Html_NoAlertsNoMovers_SaysSo()
    {
        var html = ReportEmail.Html(Figures with { TopMovers = [] }, []);
        Assert.Contains("No open alerts.", html);
        Assert.Contains("No service moved.", html);
    }

    [Fact]
    public void Key_TeamOrAll_ReportKey()
    {
        Assert.Equal("report:payments:2026-11-21T06:00Z", ReportMailing.Key("payments", "2026-11-21T06:00Z"));
        Assert.Equal("report:all:2026-11-21T06:00Z", ReportMailing.Key(null, "2026-11-21T06:00Z"));
    }

    [Fact]
    public void Validate_Port465AndBadAddress_NamesPaths()
    {
        var errors = new EmailOptions { Host = "smtp.example.com", Port = 465, From = "nope", Platform = ["a@example.com"], UserName = "u" }.Validate();
        Assert.Contains(errors, e => e.StartsWith("Email:Port:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Email:From:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Email:PasswordSecret:", StringComparison.Ordinal));
    }
}

public sealed class SmtpReportSenderValidationTests
{
    [Fact]
    public async Task SendAsync_BadAddress_PermanentWithoutConnecting()
    {
        var sender = new SmtpReportSender(new EmailOptions { Host = "127.0.0.1", Port = 1, From = "costs@example.com" }, null,
            new Costs.CostReports.Delivery.DeliveryOptions(), TimeProvider.System);
        var result = await sender.SendAsync(new ReportMail(["not an address"], "s", "<p/>", "/nonexistent.xlsx"), CancellationToken.None);
        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Equal(0, result.Attempts);
    }
}

public sealed class EmailOptionsTests
{
    private static readonly EmailOptions Options = new()
    {
        Host = "smtp.example.com", From = "costs@example.com", Platform = ["platform@example.com"],
        Teams = new(StringComparer.Ordinal) { ["payments"] = ["pay@example.com"] },
    };

    [Fact]
    public void RecipientsFor_NoTeam_Platform() => Assert.Equal(["platform@example.com"], Options.RecipientsFor(null));

    [Fact]
    public void RecipientsFor_Team_TeamList() => Assert.Equal(["pay@example.com"], Options.RecipientsFor("payments"));

    [Fact]
    public void RecipientsFor_UnknownTeam_ErrorNamesIt() =>
        Assert.Contains("search", Assert.Throws<InvalidOperationException>(() => Options.RecipientsFor("search")).Message);

    [Fact]
    public void Validate_Good_NoErrors() => Assert.Empty(Options.Validate());

    private static EmailOptions With(string? security = null, bool? useStartTls = null, int port = 587, string? user = null,
        string? password = null, string? token = null, string? ca = null) => new()
    {
        Host = "smtp.example.com", Port = port, From = "costs@example.com", Platform = ["platform@example.com"],
        Security = security, UseStartTls = useStartTls, UserName = user, PasswordSecret = password, AccessTokenSecret = token, TrustedCaFile = ca,
    };

    [Theory]
    [InlineData(null, null, SmtpSecurity.StartTls)]
    [InlineData(null, true, SmtpSecurity.StartTls)]
    [InlineData(null, false, SmtpSecurity.None)]
    [InlineData("tls", null, SmtpSecurity.Tls)]
    [InlineData("StartTls", true, SmtpSecurity.StartTls)]
    [InlineData("None", false, SmtpSecurity.None)]
    [InlineData("Tls", false, SmtpSecurity.Tls)]
    public void SecurityMode_SecurityOrOlderKey_Mode(string? security, bool? useStartTls, SmtpSecurity expected) =>
        Assert.Equal(expected, With(security, useStartTls).SecurityMode);

    [Theory]
    [InlineData("Ssl")]
    [InlineData("1")]
    public void SecurityMode_Unknown_ErrorNamesValue(string security)
    {
        Assert.Contains($"'{security}'", Assert.Throws<InvalidOperationException>(() => With(security).SecurityMode).Message);
        Assert.Equal([$"Email:Security: '{security}' is not one of StartTls, Tls, None."], With(security).Validate());
    }

    [Theory]
    [InlineData("Tls", true, 587, "Email:UseStartTls: true contradicts Security 'Tls'")]
    [InlineData("None", true, 587, "Email:UseStartTls: true contradicts Security 'None'")]
    [InlineData(null, null, 465, "Email:Port: 465 is implicit TLS: set Email:Security to \"Tls\"")]
    [InlineData("StartTls", null, 465, "Email:Port: 465 is implicit TLS")]
    public void Validate_SecurityMismatch_NamesPath(string? security, bool? useStartTls, int port, string error) =>
        Assert.Contains(With(security, useStartTls, port).Validate(), e => e.StartsWith(error, StringComparison.Ordinal));

    [Fact]
    public void Validate_ImplicitTlsOn465_NoErrors() => Assert.Empty(With("Tls", port: 465, user: "costs", password: "SMTP_PASSWORD").Validate());

    [Theory]
    [InlineData(null, false, "Email:UseStartTls: must be true when a UserName is set")]
    [InlineData("None", null, "Email:Security: must be StartTls or Tls when a UserName is set")]
    public void Validate_CredentialsInClear_Refused(string? security, bool? useStartTls, string error) =>
        Assert.Contains(With(security, useStartTls, user: "costs", password: "SMTP_PASSWORD").Validate(), e => e.StartsWith(error, StringComparison.Ordinal));

    [Fact]
    public void Validate_XOAuth2_NoErrors() => Assert.Empty(With("Tls", port: 465, user: "costs@example.com", token: "SMTP_TOKEN").Validate());

    [Theory]
    [InlineData("costs", "P", "T", "Email:AccessTokenSecret: give PasswordSecret (a password) or AccessTokenSecret (XOAUTH2), not both.")]
    [InlineData(null, null, "T", "Email:UserName: is required when AccessTokenSecret is set (XOAUTH2 sends the user with the token).")]
    [InlineData(null, "P", null, "Email:UserName: is required when PasswordSecret is set (the password would never be used).")]
    [InlineData("costs", null, null, "Email:PasswordSecret: is required when UserName is set (or AccessTokenSecret, for XOAUTH2).")]
    public void Validate_Credentials_OneSecretWithAUser(string? user, string? password, string? token, string error) =>
        Assert.Equal([error], With(user: user, password: password, token: token).Validate());

    [Fact]
    public void Validate_CaFileWithoutTls_NeverUsed() =>
        Assert.Equal(["Email:TrustedCaFile: is set but Email:Security turns TLS off, so it would never be used."],
            With("None", ca: "/etc/costs/ca.pem").Validate());
}

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("Costs <costs@example.com>", true)]
    [InlineData("costs@example.com", true)]
    [InlineData("costs", false)]
    [InlineData("not an address", false)]
    [InlineData("a@example.com, b@example.com", false)]
    [InlineData("", false)]
    public void TryParse_Text_OneMailboxWithDomain(string text, bool valid) => Assert.Equal(valid, EmailAddress.TryParse(text, out _));
}
