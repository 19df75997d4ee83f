namespace Costs.CostReports.Delivery;

/// <summary>A secret that could not be read. The message names where it was looked for, never a value.</summary>
public sealed class SecretException(string message) : Exception(message);

/// <summary>
/// Reads a secret (a webhook URL, the SMTP password) from where the configuration says it is:
/// <list type="bullet">
/// <item>a reference with a '/' is the path of a file (a mounted Kubernetes Secret);</item>
/// <item>otherwise it is the name of an environment variable; when that is unset, NAME_FILE may
/// hold the path of a file with the value.</item>
/// </list>
/// Surrounding whitespace (the newline at the end of a file) is trimmed. An empty value is an error.
/// </summary>
public static class SecretReader
{
    public static string Read(string reference, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrWhiteSpace(reference)) throw new SecretException("No secret reference is configured.");
        string? value;
        if (reference.Contains('/', StringComparison.Ordinal))
        {
            value = ReadFile(reference, $"secret file {reference}");
        }
        else
        {
            value = environment(reference);
            if (string.IsNullOrEmpty(value) && environment(reference + "_FILE") is { Length: > 0 } file)
                value = ReadFile(file, $"secret file {file} (from {reference}_FILE)");
            if (value is null) throw new SecretException($"Secret {reference} is not set: set the environment variable {reference} or {reference}_FILE.");
        }
        value = value.Trim();
        if (value.Length == 0) throw new SecretException($"Secret {reference} is empty.");
        return value;
    }

    /// <summary>
    /// A webhook URL secret: it must be an absolute https URL (plain http only to a loopback host, for
    /// tests), or the payload and the secret path would cross the network in clear. The message names
    /// the reference, never the value. Every caller (config check, every delivery) reads URLs here.
    /// </summary>
    public static Uri ReadWebhookUrl(string reference, Func<string, string?> environment)
    {
        var url = Read(reference, environment);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            throw new SecretException($"the value of secret {reference} is not an absolute https URL (plain http is allowed only to a loopback host).");
        return uri;
    }

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new SecretException($"Cannot read {what}: {ex.GetType().Name}.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new SecretException($"Cannot read {what}: access denied.");
        }
    }
}
