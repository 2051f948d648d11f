using System.Security.Claims;
using Amtsweg.Server.Platform;

namespace Amtsweg.Server.Security;

/// <summary>The claims Amtsweg adds to a signed-in user.</summary>
public static class AmtswegClaims
{
    /// <summary>The tenant the user acts for: the user's municipality, or the one an operator switched to.</summary>
    public const string Tenant = "amtsweg:tenant";

    /// <summary>The user's display name.</summary>
    public const string DisplayName = "amtsweg:display-name";

    /// <summary>Present while the user must set a new password before anything else (<see cref="Platform.AppUser.PasswordChangeRequired"/>).</summary>
    public const string PasswordChangeRequired = "amtsweg:password-change-required";

    /// <summary>The tenant id of a principal, if any.</summary>
    public static Guid? TenantOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(Tenant), out var id) ? id : null;
    }

    /// <summary>True for an operator of the IT service provider.</summary>
    public static bool IsOperator(ClaimsPrincipal user) => user?.IsInRole(Roles.Betrieb) == true;
}
