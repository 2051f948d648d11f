using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.SignIn;

/// <summary>
/// Sign-in through the IT service provider's identity provider (OIDC). The person is provisioned as a local user
/// linked to the external login; roles and municipality follow the provider's claims at every sign-in.
/// </summary>
[AllowAnonymous]
public sealed class ExternalModel(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    PlatformAdministration administration,
    TenantContext tenant,
    IOptions<OidcOptions> oidc,
    PlatformDbContext db,
    TimeProvider clock) : PageModel
{
    public string? Error { get; private set; }

    public IActionResult OnGet(string? returnUrl)
    {
        if (!oidc.Value.Enabled)
        {
            return NotFound();
        }

        var redirect = Url.Page("/SignIn/External", "Callback", new { returnUrl });
        var properties = signIn.ConfigureExternalAuthenticationProperties(SecurityExtensions.OidcScheme, redirect);
        return Challenge(properties, SecurityExtensions.OidcScheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            Error = "Die Anmeldung beim Identitätsdienst wurde nicht abgeschlossen.";
            return Page();
        }

        var (identity, error) = OidcClaimMapping.Map(info.Principal, oidc.Value);
        if (identity is null)
        {
            Error = error;
            return Page();
        }

        Guid? tenantId = null;
        if (identity.Ags is not null)
        {
            var municipality = await administration.FindMunicipalityAsync(identity.Ags, cancellationToken);
            if (municipality is null)
            {
                Error = $"Die Gemeinde mit dem AGS {identity.Ags} wird auf dieser Installation nicht betreut.";
                return Page();
            }

            tenantId = municipality.Id;
        }

        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (user is null)
        {
            await administration.EnsureRolesAsync();
            user = new AppUser
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                UserName = identity.UserName,
                DisplayName = identity.DisplayName,
                TenantId = tenantId,
                CreatedAt = clock.GetUtcNow(),
                LockoutEnabled = true,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded || !(await users.AddLoginAsync(user, info)).Succeeded)
            {
                Error = string.Join(" ", created.Errors.Select(e => e.Description));
                return Page();
            }
        }
        else if (user.TenantId != tenantId)
        {
            Error = "Ihr Konto gehört laut Identitätsdienst zu einer anderen Gemeinde. Bitte wenden Sie sich an Ihre Administration.";
            return Page();
        }

        // A disabled user (lockout end in the future) stays out, whatever the identity provider says.
        if (await users.IsLockedOutAsync(user))
        {
            Error = "Ihr Konto ist gesperrt. Bitte wenden Sie sich an Ihre Administration.";
            return Page();
        }

        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(identity.Roles));
        await users.AddToRolesAsync(user, identity.Roles.Except(current));
        await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        await db.RecordSignInAsync(user.Id, clock.GetUtcNow());
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
