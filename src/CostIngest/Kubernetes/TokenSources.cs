using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Costs.CostIngest.Kubernetes;

/// <summary>Where a bearer token comes from: a fixed string, a file that rotates, or an exec plugin.</summary>
public interface IBearerTokenSource
{
    ValueTask<string> GetTokenAsync(CancellationToken ct);

    /// <summary>Forgets a cached token after the server refused it (401), so that the next call fetches a new one.</summary>
    void Invalidate();
}

public sealed class StaticToken(string token) : IBearerTokenSource
{
    public ValueTask<string> GetTokenAsync(CancellationToken ct) => ValueTask.FromResult(token);
    public void Invalidate() { }
}

/// <summary>
/// A token file, re-read every <paramref name="refresh"/> (a projected service-account token rotates; the
/// kubelet rewrites it well before it expires).
/// </summary>
public sealed class FileToken(string path, TimeProvider clock, TimeSpan refresh) : IBearerTokenSource
{
    private string? _token;
    private DateTimeOffset _readAt;

    public string Path => path;

    public async ValueTask<string> GetTokenAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_token is null || now - _readAt >= refresh)
        {
            try
            {
                _token = (await File.ReadAllTextAsync(path, ct)).Trim();
            }
            catch (IOException ex)
            {
                throw new KubernetesException($"Cannot read the token file {path}: {ex.Message}", inner: ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new KubernetesException($"Cannot read the token file {path}: {ex.Message}", inner: ex);
            }
            _readAt = now;
        }
        return _token;
    }

    public void Invalidate() => _token = null;
}

/// <summary>What to run: a command with arguments and extra environment variables.</summary>
public sealed record ProcessSpec(string Command, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs a process: the seam to the operating system that exec credential plugins need.</summary>
public interface IProcessRunner
{
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct);
}

public sealed class SystemProcessRunner : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(spec.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in spec.Arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in spec.Environment) psi.Environment[k] = v;
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new KubernetesException($"Cannot run '{spec.Command}': {ex.Message}", inner: ex);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A kubeconfig <c>user.exec</c> section.</summary>
public sealed record ExecConfig(string ApiVersion, string Command, IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment, string? InstallHint);

/// <summary>
/// A token from an exec credential plugin (e.g. <c>gke-gcloud-auth-plugin</c>): runs the command with
/// <c>KUBERNETES_EXEC_INFO</c> set, reads the ExecCredential it prints (client.authentication.k8s.io/v1 or
/// v1beta1: <c>status.token</c>, <c>status.expirationTimestamp</c>) and caches the token until it expires.
/// </summary>
public sealed class ExecToken(ExecConfig config, IProcessRunner runner, TimeProvider clock, string context) : IBearerTokenSource
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);
    private string? _token;
    private DateTimeOffset? _expires;

    public async ValueTask<string> GetTokenAsync(CancellationToken ct)
    {
        if (_token is not null && (_expires is null || clock.GetUtcNow() < _expires.Value - Margin)) return _token;
        var env = new Dictionary<string, string>(config.Environment, StringComparer.Ordinal)
        {
            ["KUBERNETES_EXEC_INFO"] = $"{{\"apiVersion\":\"{config.ApiVersion}\",\"kind\":\"ExecCredential\",\"spec\":{{\"interactive\":false}}}}",
        };
        var result = await runner.RunAsync(new ProcessSpec(config.Command, config.Arguments, env), ct);
        if (result.ExitCode != 0)
        {
            var hint = config.InstallHint is null ? "" : $" ({config.InstallHint.Trim()})";
            throw new KubernetesException(
                $"Context '{context}': credential plugin '{config.Command}' exited with {result.ExitCode}: {FirstLine(result.StandardError)}{hint}");
        }
        (_token, _expires) = Parse(result.StandardOutput, context, config.Command);
        return _token;
    }

    public void Invalidate() => _token = null;

    internal static (string Token, DateTimeOffset? Expires) Parse(string json, string context, string command)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var kind = root.TryGetProperty("kind", out var k) ? k.GetString() : null;
            if (kind != "ExecCredential")
                throw new KubernetesException($"Context '{context}': '{command}' printed kind '{kind}', not an ExecCredential.");
            if (!root.TryGetProperty("status", out var status) || !status.TryGetProperty("token", out var token)
                || string.IsNullOrEmpty(token.GetString()))
                throw new KubernetesException($"Context '{context}': '{command}' printed an ExecCredential without status.token (client certificates from plugins are not supported).");
            DateTimeOffset? expires = status.TryGetProperty("expirationTimestamp", out var e) && e.ValueKind == JsonValueKind.String
                ? e.GetDateTimeOffset() : null;
            return (token.GetString()!, expires);
        }
        catch (JsonException ex)
        {
            throw new KubernetesException($"Context '{context}': '{command}' printed something that is not JSON: {ex.Message}", inner: ex);
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length > 300 ? line[..300] : line;
    }
}
