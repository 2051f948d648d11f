using Amtsweg.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Amtsweg.Server.Security;

/// <summary>
/// Keeps a user who signed in with a password someone else saw (initial or reset by an administrator) on the page that
/// sets their own, before any other page or API call: pages redirect there (with the address they asked for), the API
/// answers 403 with the code <c>password-change-required</c>. Only the session of a password user carries the claim;
/// API clients with bearer tokens never do and are not affected. Runs after authentication, so the claim read here is
/// the one the security stamp check refreshed.
/// </summary>
internal sealed class PasswordChangeMiddleware(RequestDelegate next)
{
    /// <summary>The page that sets the new password.</summary>
    public const string ChangePage = "/konto/kennwort";

    // What a user with the claim may still reach: the change page itself, signing out, the sign-in and the error pages.
    private static readonly PathString[] Open = [ChangePage, "/abmelden", "/anmelden", "/fehler"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(claim => claim.Type == AmtswegClaims.PasswordChangeRequired)
            || Open.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        if (ApiProblems.IsApi(context))
        {
            return ApiErrors.Problem(StatusCodes.Status403Forbidden, "password-change-required",
                "Bitte ändern Sie zuerst Ihr Kennwort (Seite „Kennwort festlegen“); bis dahin ist nur diese Seite erreichbar.").ExecuteAsync(context);
        }

        var asked = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        var target = HttpMethods.IsGet(context.Request.Method) && asked != "/"
            ? ChangePage + QueryString.Create("ReturnUrl", asked).ToUriComponent()
            : ChangePage;
        context.Response.Redirect(context.Request.PathBase + target);
        return Task.CompletedTask;
    }
}
