using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.SignIn;

/// <summary>Signs out (POST with antiforgery token); a GET only shows the button.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<AppUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/anmelden?abgemeldet=true");
    }
}
