using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Amtsweg.Server.Security;

/// <summary>
/// Security headers on every response: pages, API, static files and error pages. They are set when the response
/// starts, because the exception handler clears the headers of a failed response before it re-executes.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // No inline script or style anywhere (pages load /css and /js files only); nothing from another origin. pdf.js
    // parses PDFs in a worker loaded from /js (worker-src); bpmn-js's stylesheet draws a marker from a data: image.
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // One year; only sent over HTTPS (RFC 6797 forbids it over HTTP).
    internal const string StrictTransportSecurity = "max-age=31536000";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            if (http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}

/// <summary>Registers <see cref="SecurityHeadersMiddleware"/>.</summary>
public static class SecurityHeadersExtensions
{
    /// <summary>Adds the security headers to every response; call first, before the exception handler.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.UseMiddleware<SecurityHeadersMiddleware>();
}
