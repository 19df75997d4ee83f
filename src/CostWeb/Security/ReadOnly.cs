using Microsoft.AspNetCore.Http;

namespace Costs.CostWeb.Security;

/// <summary>The server only reads: any method but GET and HEAD is answered 405 before it reaches an endpoint.</summary>
internal static class ReadOnly
{
    public static Task Middleware(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) return next(context);
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET, HEAD";
        return Task.CompletedTask;
    }
}
