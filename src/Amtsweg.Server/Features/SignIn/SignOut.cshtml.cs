using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.SignIn;

/// <summary>Signs out (POST with antiforgery token); a GET only shows the button.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, TenantContext tenant) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            // The user is looked up by id, as the stamp check does: in platform scope (an operator has no municipality).
            tenant.UsePlatformScope();
            if (await users.GetUserAsync(User) is { } user)
            {
                await users.UpdateSecurityStampAsync(user);
            }
        }

        await signIn.SignOutAsync();
        return Redirect("/anmelden?abgemeldet=true");
    }
}
