using System.Security.Claims;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Features.Administration.Users;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Account.Profile;

/// <summary>
/// "Mein Konto" for everyone signed in (issue 13.5): the own display name, the own password (the current one and the
/// new one twice, checked by Identity's password rules), and the way to the absence and deputy page.
/// </summary>
[Authorize]
public sealed class IndexModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    TenantContext tenant,
    IAuthorizationService authorization,
    IStringLocalizer<Ui> text) : PageModel
{
    public const string DisplayNameField = "anzeigename";

    public const string CurrentPasswordField = "kennwort-bisher";

    public const string NewPasswordField = "kennwort-neu";

    public const string RepeatPasswordField = "kennwort-wiederholung";

    public string? DisplayName { get; private set; }

    public string Roles => string.Join(", ", User.FindAll(ClaimTypes.Role).Select(role => role.Value));

    public bool MayEnterAbsence { get; private set; }

    public PageErrors Errors { get; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await AsOwnUserAsync(Task.FromResult);
        if (user is null)
        {
            return NotFound();
        }

        DisplayName = user.DisplayName;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostNameAsync()
    {
        DisplayName = Request.Form[DisplayNameField].ToString();
        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            Errors.Add(DisplayNameField, text["Users.Error.DisplayNameMissing"]);
        }
        else if (DisplayName.Trim().Length > UserAdministration.MaxDisplayNameLength)
        {
            Errors.Add(DisplayNameField, text["Users.Error.DisplayNameTooLong", UserAdministration.MaxDisplayNameLength]);
        }

        if (!Errors.IsEmpty)
        {
            return await RefusedAsync();
        }

        var saved = await AsOwnUserAsync(async user =>
        {
            user.DisplayName = DisplayName.Trim();
            var result = await users.UpdateAsync(user);
            if (result.Succeeded)
            {
                await RenewSessionAsync(user);
            }

            return result.Succeeded;
        });
        if (!saved)
        {
            return NotFound();
        }

        Notice = text["Account.Name.Done"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var current = Request.Form[CurrentPasswordField].ToString();
        var next = Request.Form[NewPasswordField].ToString();
        var repeated = Request.Form[RepeatPasswordField].ToString();
        if (current.Length == 0)
        {
            Errors.Add(CurrentPasswordField, text["Account.Password.CurrentMissing"]);
        }

        if (next.Length == 0)
        {
            Errors.Add(NewPasswordField, text["Account.Password.NewMissing"]);
        }
        else if (next != repeated)
        {
            Errors.Add(RepeatPasswordField, text["Account.Password.Different"]);
        }

        if (!Errors.IsEmpty)
        {
            return await RefusedAsync();
        }

        var result = await AsOwnUserAsync(async user =>
        {
            // Identity checks the current password first, then each of its rules for the new one (German messages).
            var changed = await users.ChangePasswordAsync(user, current, next);
            if (changed.Succeeded)
            {
                // The change renewed the security stamp; this session carries the new one and goes on.
                await RenewSessionAsync(user);
            }

            return changed;
        });
        if (result is null)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                Errors.Add(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? CurrentPasswordField : NewPasswordField, error.Description);
            }

            return await RefusedAsync();
        }

        Notice = text["Account.Password.Done"];
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync()
    {
        DisplayName ??= (await AsOwnUserAsync(Task.FromResult))?.DisplayName;
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync() =>
        MayEnterAbsence = (await authorization.AuthorizeAsync(User, Policies.CaseWork)).Succeeded;

    // The own user is found by the id of the session, in platform scope: an operator belongs to no municipality and
    // would be hidden by the tenant filter of the one they administer. The request's own scope is restored after.
    private async Task<T?> AsOwnUserAsync<T>(Func<AppUser, Task<T>> act)
    {
        var previous = tenant.TenantId;
        var wasPlatform = tenant.IsPlatformScope;
        tenant.UsePlatformScope();
        try
        {
            var user = await users.GetUserAsync(User);
            return user is null ? default : await act(user);
        }
        finally
        {
            if (previous is { } tenantId)
            {
                tenant.UseTenant(tenantId);
            }
            else if (!wasPlatform)
            {
                tenant.Clear();
            }
        }
    }

    // A new cookie for the changed user that keeps the session's sign-in time and, for an operator, the chosen municipality.
    private async Task RenewSessionAsync(AppUser user)
    {
        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var kept = session.Principal?.Claims
            .Where(claim => claim.Type is ClaimTypes.AuthenticationMethod or "amr"
                || (claim.Type == AmtswegClaims.Tenant && AmtswegClaims.IsOperator(session.Principal)))
            .ToList() ?? [];
        await signIn.SignInWithClaimsAsync(user, session.Properties, kept);
    }
}
