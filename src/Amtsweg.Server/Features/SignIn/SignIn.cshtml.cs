using System.Globalization;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.SignIn;

/// <summary>Sign-in with user name and password; an address that failed too often is answered 429 (<see cref="PasswordSignIn"/>).</summary>
[AllowAnonymous]
public sealed class SignInModel(
    PasswordSignIn passwordSignIn,
    TenantContext tenant,
    IOptions<OidcOptions> oidc,
    IStringLocalizer<Ui> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true, Name = "abgelaufen")]
    public bool Expired { get; set; }

    [BindProperty(SupportsGet = true, Name = "abgemeldet")]
    public bool SignedOut { get; set; }

    public string? Error { get; private set; }

    public string? OidcDisplayName => oidc.Value.Enabled ? oidc.Value.DisplayName : null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Expired = false;
        SignedOut = false;
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = text["SignIn.Missing"];
            return Page();
        }

        // Before sign-in no tenant is known; the user is looked up across tenants by name.
        tenant.UsePlatformScope();
        var outcome = await passwordSignIn.SignInAsync(HttpContext.Connection.RemoteIpAddress, UserName.Trim(), Password);
        switch (outcome.Status)
        {
            case PasswordSignInStatus.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case PasswordSignInStatus.Throttled:
                var minutes = (int)Math.Ceiling(outcome.RetryAfter.TotalMinutes);
                Response.Headers.RetryAfter = ((int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                Error = minutes <= 1 ? text["SignIn.ThrottledOneMinute"] : text["SignIn.Throttled", minutes];
                var page = Page();
                page.StatusCode = StatusCodes.Status429TooManyRequests;
                return page;
            case PasswordSignInStatus.Disabled:
                Error = text["SignIn.LockedOut"];
                return Page();
            case PasswordSignInStatus.Failed:
                Error = text["SignIn.Failed"];
                return Page();
            default:
                throw new InvalidOperationException($"Unknown sign-in status {outcome.Status}.");
        }
    }
}
