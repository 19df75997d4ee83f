using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Costs.CostReports.Tests.Email;

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd, started as
/// <c>python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR</c>, which stores each
/// message in the maildir DIR. When no python3 can import aiosmtpd the test fails and says how to
/// install it (tests/smtp/start-smtp.sh); it never skips.
/// </summary>
internal sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process _process;
    public int Port { get; }
    public string Maildir { get; }

    private SmtpServer(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        Maildir = maildir;
    }

    public static async Task<SmtpServer> StartAsync()
    {
        var python = FindPython() ?? throw new Xunit.Sdk.XunitException(
            "python3 -m aiosmtpd is not available. Run tests/smtp/start-smtp.sh (it installs Debian's python3-aiosmtpd) and run the tests again.");
        var port = FreePort();
        var dir = Path.Combine(Path.GetTempPath(), "costs-smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var start = new ProcessStartInfo(python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(dir, "mail") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        var server = new SmtpServer(process, port, Path.Combine(dir, "mail"));
        // Wait until it listens (a readiness wait, not an assertion about time).
        for (var i = 0; i < 200; i++)
        {
            if (process.HasExited)
                throw new Xunit.Sdk.XunitException($"aiosmtpd exited ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        await server.DisposeAsync();
        throw new Xunit.Sdk.XunitException("aiosmtpd did not start listening.");
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
        try { Directory.Delete(Path.GetDirectoryName(Maildir)!, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Just enough MIME to find a part by its content type and decode its base64 body.</summary>
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
            if (!headers.Contains("Content-Type: " + contentType, StringComparison.OrdinalIgnoreCase)) continue;
            return (headers, chunk[(split + 2)..].TrimEnd('\n', '-'));
        }
        return null;
    }
}
