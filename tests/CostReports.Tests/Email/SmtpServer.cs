using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Costs.CostReports.Tests.Email;

/// <summary>How the loopback SMTP server protects connections.</summary>
internal enum ServerTls
{
    None,
    /// <summary>Offers STARTTLS; mail without it is accepted too.</summary>
    StartTls,
    /// <summary>Offers STARTTLS and refuses mail (530) before it.</summary>
    RequireStartTls,
    /// <summary>TLS from the first byte, as on port 465.</summary>
    Implicit,
}

/// <summary>
/// What the loopback server does beyond storing mail: TLS with <paramref name="Certificate"/>, AUTH
/// (offered over TLS only) with a password (<paramref name="Login"/>) and/or XOAUTH2 (<paramref name="OAuth2"/>),
/// and a 451 to the DATA of the first <paramref name="BusyData"/> messages.
/// </summary>
internal sealed record SmtpServerSetup(
    ServerTls Tls = ServerTls.None,
    TestCertificate? Certificate = null,
    (string User, string Password)? Login = null,
    (string User, string Token)? OAuth2 = null,
    int BusyData = 0);

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd, run by tests/smtp/smtp_server.py (copied
/// beside the tests), which stores each message in a maildir and can add STARTTLS, implicit TLS and
/// AUTH (PLAIN, LOGIN, XOAUTH2) as <see cref="SmtpServerSetup"/> says. When no python3 can import
/// aiosmtpd the test fails and says how to install it (tests/smtp/start-smtp.sh); it never skips.
/// </summary>
internal sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    public int Port { get; }
    public string Maildir => Path.Combine(_directory, "mail");

    private SmtpServer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        _directory = directory;
    }

    public static async Task<SmtpServer> StartAsync(SmtpServerSetup? setup = null)
    {
        setup ??= new SmtpServerSetup();
        var python = FindPython() ?? throw new Xunit.Sdk.XunitException(
            "python3 -m aiosmtpd is not available. Run tests/smtp/start-smtp.sh (it installs Debian's python3-aiosmtpd) and run the tests again.");
        var port = FreePort();
        var dir = Path.Combine(Path.GetTempPath(), "costs-smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            // The server stops when this pipe closes, so that it never outlives a test host that died.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(setup, port, Path.Combine(dir, "mail"))) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        var server = new SmtpServer(process, port, dir);
        // Wait until it says it listens (a readiness wait, not an assertion about time).
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var line = await process.StandardOutput.ReadLineAsync(patience.Token);
        if (line == "ready") return server;
        await server.DisposeAsync();
        lock (errors) throw new Xunit.Sdk.XunitException($"smtp_server.py did not start ({line ?? "no output"}): {errors}");
    }

    private static List<string> Arguments(SmtpServerSetup setup, int port, string maildir)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "smtp", "smtp_server.py");
        var args = new List<string> { script, "--port", port.ToString(CultureInfo.InvariantCulture), "--maildir", maildir };
        if (setup.Certificate is { } c) args.AddRange(["--cert", c.CertificatePath, "--key", c.KeyPath]);
        args.AddRange(setup.Tls switch
        {
            ServerTls.StartTls => ["--starttls"],
            ServerTls.RequireStartTls => ["--require-starttls"],
            ServerTls.Implicit => ["--implicit-tls"],
            _ => Array.Empty<string>(),
        });
        if (setup.Login is { } login) args.AddRange(["--login", $"{login.User}:{login.Password}"]);
        if (setup.OAuth2 is { } oauth) args.AddRange(["--xoauth2", $"{oauth.User}:{oauth.Token}"]);
        if (setup.BusyData > 0) args.AddRange(["--busy-data", setup.BusyData.ToString(CultureInfo.InvariantCulture)]);
        return args;
    }

    /// <summary>The AUTH sign-ins the server accepted, one "MECHANISM USER" a line.</summary>
    public IReadOnlyList<string> SignIns()
    {
        var log = Path.Combine(_directory, "auth.log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }

    /// <summary>The raw messages received so far (maildir new/ and cur/).</summary>
    public IReadOnlyList<string> Messages() =>
        new[] { "new", "cur" }.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.GetFiles).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();

    internal static string? FindPython()
    {
        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(candidate)
                {
                    ArgumentList = { "-c", "import aiosmtpd" },
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                });
                if (p is null) continue;
                p.WaitForExit();
                if (p.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not on this machine
            }
        }
        return null;
    }

    internal static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Just enough MIME to find a part by its content type (in nested multiparts too) and decode its base64 body.</summary>
internal static class Mime
{
    public static byte[]? Base64Part(string message, string contentType) => Part(message, contentType) is { } p
        ? Convert.FromBase64String(string.Concat(p.Body.Split('\n').Select(l => l.Trim())))
        : null;

    public static (string Headers, string Body)? Part(string message, string contentType)
    {
        var text = message.Replace("\r\n", "\n", StringComparison.Ordinal);
        var boundaryAt = text.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        if (boundaryAt < 0) return null;
        var rest = text[(boundaryAt + "boundary=".Length)..];
        var boundary = rest.StartsWith('"') ? rest[1..rest.IndexOf('"', 1)] : rest[..rest.IndexOfAny(['\n', ';'])];
        foreach (var chunk in text.Split("--" + boundary).Skip(1))
        {
            var split = chunk.IndexOf("\n\n", StringComparison.Ordinal);
            if (split < 0) continue;
            var headers = chunk[..split];
            // A nested multipart (the HTML body and its inline chart in multipart/related): look inside it.
            if (headers.Contains("Content-Type: multipart/", StringComparison.OrdinalIgnoreCase))
            {
                if (Part(chunk, contentType) is { } inner) return inner;
                continue;
            }
            if (!headers.Contains("Content-Type: " + contentType, StringComparison.OrdinalIgnoreCase)) continue;
            return (headers, chunk[(split + 2)..].TrimEnd('\n', '-'));
        }
        return null;
    }
}
