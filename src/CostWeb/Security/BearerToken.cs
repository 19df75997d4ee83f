using System.Security.Cryptography;
using System.Text;
using Costs.CostApplication;
using Costs.CostWeb.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Costs.CostWeb.Security;

/// <summary>
/// With Http:TokenFile configured, every request but the health probes must carry
/// <c>Authorization: Bearer TOKEN</c>; the token is read from the file on each request (a rotated secret
/// takes effect at once) and compared in constant time.
/// </summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static Task Middleware(HttpContext context, RequestDelegate next)
    {
        if (HealthEndpoints.IsProbe(context.Request.Path)) return next(context);
        var app = context.RequestServices.GetRequiredService<CostsApp>();
        if (app.Settings.ReadHttpToken() is not { } expected) return next(context);
        if (Matches(context.Request.Headers.Authorization.ToString(), expected)) return next(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"costs\"";
        return Task.CompletedTask;
    }

    /// <summary>True when <paramref name="header"/> is "Bearer " and exactly <paramref name="expected"/>, in time that does not depend on where they differ.</summary>
    public static bool Matches(string header, string expected)
    {
        var given = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
        // Hashing first makes both sides the same length, so the comparison does not reveal the token's length either.
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b) && given.Length > 0;
    }
}
