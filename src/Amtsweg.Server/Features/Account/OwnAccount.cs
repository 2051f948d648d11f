using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Account;

/// <summary>
/// The signed-in user's own account, for "Mein Konto" and for the forced password change after an initial or reset
/// password: finding the own user past the tenant filter, changing the own password by Identity's rules, and renewing
/// the session cookie afterwards.
/// </summary>
public sealed class OwnAccount(UserManager<AppUser> users, SignInManager<AppUser> signIn, TenantContext tenant, IStringLocalizer<Ui> text)
{
    /// <summary>The input of the current password.</summary>
    public const string CurrentPasswordField = "kennwort-bisher";

    /// <summary>The input of the new password.</summary>
    public const string NewPasswordField = "kennwort-neu";

    /// <summary>The input that repeats the new password.</summary>
    public const string RepeatPasswordField = "kennwort-wiederholung";

    /// <summary>
    /// Changes the signed-in user's password: the current one must be right, the new one given twice, different from the
    /// current one and by the platform's rules (Identity's validators, German messages). The change renews the security
    /// stamp (other sessions end), ends a required change, and gives this session a new cookie. Refusals land in
    /// <paramref name="errors"/> at their fields; false when the session's user no longer exists.
    /// </summary>
    public async Task<bool> ChangePasswordAsync(HttpContext context, string current, string next, string repeated, PageErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (current.Length == 0)
        {
            errors.Add(CurrentPasswordField, text["Account.Password.CurrentMissing"]);
        }

        if (next.Length == 0)
        {
            errors.Add(NewPasswordField, text["Account.Password.NewMissing"]);
        }
        else if (next != repeated)
        {
            errors.Add(RepeatPasswordField, text["Account.Password.Different"]);
        }
        else if (next == current)
        {
            errors.Add(NewPasswordField, text["Account.Password.Unchanged"]);
        }

        if (!errors.IsEmpty)
        {
            return true;
        }

        var found = await AsOwnUserAsync(context, async user =>
        {
            // Identity checks the current password first, then each of its rules for the new one (German messages).
            // The required change ends with the same write as the new password: set before, restored on a refusal.
            var required = user.PasswordChangeRequired;
            user.PasswordChangeRequired = false;
            var changed = await users.ChangePasswordAsync(user, current, next).ConfigureAwait(false);
            if (!changed.Succeeded)
            {
                user.PasswordChangeRequired = required;
            }
            else
            {
                // The change renewed the security stamp; this session carries the new one and goes on.
                await RenewSessionAsync(context, user).ConfigureAwait(false);
            }

            foreach (var error in changed.Errors)
            {
                errors.Add(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? CurrentPasswordField : NewPasswordField, error.Description);
            }

            return true;
        }).ConfigureAwait(false);
        return found;
    }

    /// <summary>
    /// Runs <paramref name="act"/> with the own user, found by the id of the session in platform scope: an operator
    /// belongs to no municipality and would be hidden by the tenant filter of the one they administer. The request's
    /// own scope is restored after. Default when the user no longer exists.
    /// </summary>
    public async Task<T?> AsOwnUserAsync<T>(HttpContext context, Func<AppUser, Task<T>> act)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(act);
        var previous = tenant.TenantId;
        var wasPlatform = tenant.IsPlatformScope;
        tenant.UsePlatformScope();
        try
        {
            var user = await users.GetUserAsync(context.User).ConfigureAwait(false);
            return user is null ? default : await act(user).ConfigureAwait(false);
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

    /// <summary>A new cookie for the changed user that keeps the session's sign-in time and, for an operator, the chosen municipality.</summary>
    public async Task RenewSessionAsync(HttpContext context, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
        var kept = session.Principal?.Claims
            .Where(claim => claim.Type is System.Security.Claims.ClaimTypes.AuthenticationMethod or "amr"
                || (claim.Type == AmtswegClaims.Tenant && AmtswegClaims.IsOperator(session.Principal)))
            .ToList() ?? [];
        await signIn.SignInWithClaimsAsync(user, session.Properties, kept).ConfigureAwait(false);
    }
}
