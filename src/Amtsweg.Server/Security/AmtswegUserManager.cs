using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Security;

/// <summary>
/// Identity's user manager, but a role change or disabling a user (lockout set into the future) also renews the
/// security stamp, so that every session of that user ends at its next check. Password changes and resets renew
/// it already in Identity itself. Every path that changes a user (administration, OIDC role sync) goes through here.
/// </summary>
internal sealed class AmtswegUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    TimeProvider clock)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AddToRoleAsync(AppUser user, string role) =>
        await RenewStampAfterAsync(user, await base.AddToRoleAsync(user, role).ConfigureAwait(false)).ConfigureAwait(false);

    public override async Task<IdentityResult> AddToRolesAsync(AppUser user, IEnumerable<string> roles) =>
        await RenewStampAfterAsync(user, await base.AddToRolesAsync(user, roles).ConfigureAwait(false)).ConfigureAwait(false);

    public override async Task<IdentityResult> RemoveFromRoleAsync(AppUser user, string role) =>
        await RenewStampAfterAsync(user, await base.RemoveFromRoleAsync(user, role).ConfigureAwait(false)).ConfigureAwait(false);

    public override async Task<IdentityResult> RemoveFromRolesAsync(AppUser user, IEnumerable<string> roles) =>
        await RenewStampAfterAsync(user, await base.RemoveFromRolesAsync(user, roles).ConfigureAwait(false)).ConfigureAwait(false);

    public override async Task<IdentityResult> SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd)
    {
        var result = await base.SetLockoutEndDateAsync(user, lockoutEnd).ConfigureAwait(false);
        return lockoutEnd > clock.GetUtcNow() ? await RenewStampAfterAsync(user, result).ConfigureAwait(false) : result;
    }

    private async Task<IdentityResult> RenewStampAfterAsync(AppUser user, IdentityResult result) =>
        result.Succeeded ? await UpdateSecurityStampAsync(user).ConfigureAwait(false) : result;
}
