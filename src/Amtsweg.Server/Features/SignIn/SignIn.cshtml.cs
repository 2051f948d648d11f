using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.SignIn;

/// <summary>Sign-in with user name and password; locks the account after repeated failures.</summary>
[AllowAnonymous]
public sealed class SignInModel(
    SignInManager<AppUser> signIn,
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
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Error = result.IsLockedOut ? text["SignIn.LockedOut"] : text["SignIn.Failed"];
        return Page();
    }
}
