using System.Security.Claims;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Security;

/// <summary>Adds the tenant and the display name to the principal Identity builds at sign-in.</summary>
internal sealed class AmtswegClaimsPrincipalFactory(
    UserManager<AppUser> users,
    RoleManager<AppRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        identity.AddClaim(new Claim(AmtswegClaims.DisplayName, user.DisplayName));
        if (user.PasswordChangeRequired)
        {
            identity.AddClaim(new Claim(AmtswegClaims.PasswordChangeRequired, "true"));
        }

        if (user.TenantId is { } tenantId)
        {
            identity.AddClaim(new Claim(AmtswegClaims.Tenant, tenantId.ToString()));
        }

        return identity;
    }
}
