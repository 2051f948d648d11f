using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Administration.Users;

/// <summary>The inputs of the user forms; the names are the element ids the pages give them, so errors land at their field.</summary>
public static class UserFields
{
    /// <summary>The user name (create only).</summary>
    public const string UserName = "benutzername";

    /// <summary>The display name.</summary>
    public const string DisplayName = "anzeigename";

    /// <summary>The group of role checkboxes; the error links to the first box.</summary>
    public const string Roles = "rolle-" + Platform.Roles.Sachbearbeitung;

    /// <summary>An error that belongs to the act, not to a field (disabling oneself, the last administrator).</summary>
    public const string Act = "aktion";
}

/// <summary>What an administrative act on a user did: not found (another municipality's id too), refused with German messages per field, or done.</summary>
public sealed record UserAct<T>(T? Value, bool NotFound, IReadOnlyList<(string Field, string Message)> Errors)
{
    /// <summary>True when the act was carried out.</summary>
    public bool Succeeded => !NotFound && Errors.Count == 0;

    internal static UserAct<T> Done(T value) => new(value, false, []);

    internal static UserAct<T> Missing() => new(default, true, []);

    internal static UserAct<T> Refused(IReadOnlyList<(string Field, string Message)> errors) => new(default, false, errors);

    internal static UserAct<T> Refused(string field, string message) => new(default, false, [(field, message)]);
}

/// <summary>
/// The municipality's administration of its users (issue 13.5): create, change display name and roles, disable and
/// enable, reset the password. The municipality is the one the tenant middleware resolved from the signed-in
/// administrator (or the operator's chosen one), never one that was posted; a user of another municipality is not
/// found. Every act leaves the municipality at least one active user with the role Administration, and is written to
/// the audit log (category <c>Amtsweg.Audit.Users</c>) without any password. The pages and <c>/api/users</c> use this class.
/// </summary>
public sealed partial class UserAdministration(
    PlatformDbContext db,
    UserManager<AppUser> users,
    PlatformAdministration platform,
    TenantContext tenant,
    TimeProvider clock,
    IStringLocalizer<Ui> text,
    ILoggerFactory loggers)
{
    /// <summary>The longest display name (the column's length).</summary>
    public const int MaxDisplayNameLength = 200;

    /// <summary>The longest user name (Identity's column).</summary>
    public const int MaxUserNameLength = 256;

    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Users");

    /// <summary>The roles the municipality's administration may give: every case-work role, never Betrieb.</summary>
    public static IReadOnlyList<string> AssignableRoles => Roles.CaseWork;

    private Guid TenantId => tenant.TenantId ?? throw new InvalidOperationException("User administration needs a resolved municipality.");

    /// <summary>Creates a user of the current municipality with a generated initial password, shown to the caller once.</summary>
    public async Task<UserAct<CreatedUser>> CreateAsync(string? userName, string? displayName, IReadOnlyCollection<string> roles, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var tenantId = TenantId;
        var errors = new List<(string, string)>();
        userName = userName?.Trim() ?? "";
        if (userName.Length == 0)
        {
            errors.Add((UserFields.UserName, text["Users.Error.UserNameMissing"]));
        }
        else if (userName.Length > MaxUserNameLength)
        {
            errors.Add((UserFields.UserName, text["Users.Error.UserNameTooLong", MaxUserNameLength]));
        }

        CheckDisplayName(displayName, errors);
        CheckRoles(roles, errors);
        if (errors.Count > 0)
        {
            return UserAct<CreatedUser>.Refused(errors);
        }

        AdministrationResult<CreatedUser> created;
        try
        {
            created = await platform.CreateUserAsync(tenantId, userName, displayName!.Trim(), roles, cancellationToken, changePasswordAtSignIn: true).ConfigureAwait(false);
        }
        finally
        {
            // The name check crossed municipalities; the rest of the request acts for this one again.
            tenant.UseTenant(tenantId);
        }

        if (!created.Succeeded)
        {
            // Identity's refusals of a user name (taken, invalid characters) come in German from its error describer.
            return UserAct<CreatedUser>.Refused(UserFields.UserName, created.Error!);
        }

        var user = created.Value!;
        LogCreated(_audit, user.User.Id, user.User.UserName!, tenantId, string.Join(",", user.Roles), actor);
        return UserAct<CreatedUser>.Done(user);
    }

    /// <summary>Changes a user's display name and roles.</summary>
    public async Task<UserAct<AppUser>> UpdateAsync(Guid id, string? displayName, IReadOnlyCollection<string> roles, Guid actorId, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var errors = new List<(string, string)>();
        CheckDisplayName(displayName, errors);
        CheckRoles(roles, errors);

        // The user, their roles and the other administrators are read after the lock: what an act of another
        // administrator committed meanwhile counts (AdministratorsLock).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AdministratorsLock.TakeAsync(db, TenantId, cancellationToken).ConfigureAwait(false);
        var user = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return UserAct<AppUser>.Missing();
        }

        if (errors.Count > 0)
        {
            return UserAct<AppUser>.Refused(errors);
        }

        var current = await users.GetRolesAsync(user).ConfigureAwait(false);
        var losesAdministration = current.Contains(Roles.Administration) && !roles.Contains(Roles.Administration);
        if (losesAdministration && IsActive(user))
        {
            var refusal = await KeepsAnAdministratorAsync(user, actorId, "Users.Error.OwnAdministrationRole", cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                return UserAct<AppUser>.Refused(UserFields.Roles, refusal);
            }
        }

        var removed = current.Except(roles).ToList();
        var added = Roles.All.Where(roles.Contains).Except(current).ToList();
        user.DisplayName = displayName!.Trim();
        Require(await users.UpdateAsync(user).ConfigureAwait(false));
        if (removed.Count > 0)
        {
            Require(await users.RemoveFromRolesAsync(user, removed).ConfigureAwait(false));
        }

        if (added.Count > 0)
        {
            Require(await users.AddToRolesAsync(user, added).ConfigureAwait(false));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (removed.Count > 0 || added.Count > 0)
        {
            LogRolesChanged(_audit, user.Id, user.UserName!, user.TenantId, string.Join(",", added), string.Join(",", removed), actor);
        }

        return UserAct<AppUser>.Done(user);
    }

    /// <summary>Disables a user: they cannot sign in, and their sessions end at the next check of the security stamp.</summary>
    public async Task<UserAct<AppUser>> DisableAsync(Guid id, Guid actorId, string actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AdministratorsLock.TakeAsync(db, TenantId, cancellationToken).ConfigureAwait(false);
        var user = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return UserAct<AppUser>.Missing();
        }

        if (!IsActive(user))
        {
            return UserAct<AppUser>.Done(user);
        }

        if (user.Id == actorId)
        {
            return UserAct<AppUser>.Refused(UserFields.Act, text["Users.Error.DisableSelf"]);
        }

        if (await users.IsInRoleAsync(user, Roles.Administration).ConfigureAwait(false))
        {
            var refusal = await KeepsAnAdministratorAsync(user, actorId, "Users.Error.DisableSelf", cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                return UserAct<AppUser>.Refused(UserFields.Act, refusal);
            }
        }

        if (!user.LockoutEnabled)
        {
            Require(await users.SetLockoutEnabledAsync(user, true).ConfigureAwait(false));
        }

        Require(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue).ConfigureAwait(false));
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogDisabled(_audit, user.Id, user.UserName!, user.TenantId, actor);
        return UserAct<AppUser>.Done(user);
    }

    /// <summary>
    /// Enables a disabled user again. A wrong password never locks an account here (the sign-in throttle refuses the
    /// client address instead), so a locked-out user is always a disabled one, and this also unlocks.
    /// </summary>
    public async Task<UserAct<AppUser>> EnableAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return UserAct<AppUser>.Missing();
        }

        if (IsActive(user))
        {
            return UserAct<AppUser>.Done(user);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Require(await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false));
        Require(await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false));
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogEnabled(_audit, user.Id, user.UserName!, user.TenantId, actor);
        return UserAct<AppUser>.Done(user);
    }

    /// <summary>
    /// Gives the user a new generated password (returned once); the old one stops working, their sessions end, and at
    /// the next sign-in they must choose their own.
    /// </summary>
    public async Task<UserAct<string>> ResetPasswordAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return UserAct<string>.Missing();
        }

        var password = PasswordGenerator.Generate();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (user.PasswordHash is not null)
        {
            Require(await users.RemovePasswordAsync(user).ConfigureAwait(false));
        }

        // Saved with the password by AddPasswordAsync.
        user.PasswordChangeRequired = true;
        Require(await users.AddPasswordAsync(user, password).ConfigureAwait(false));
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogPasswordReset(_audit, user.Id, user.UserName!, user.TenantId, actor);
        return UserAct<string>.Done(password);
    }

    /// <summary>A user of the current municipality (the tenant filter hides everyone else's), tracked for changes.</summary>
    private Task<AppUser?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        _ = TenantId;
        return db.Users.SingleOrDefaultAsync(user => user.Id == id, cancellationToken);
    }

    private bool IsActive(AppUser user) => !(user.LockoutEnd > clock.GetUtcNow());

    // Null when another active administrator remains; otherwise why not (acting on oneself has its own message).
    private async Task<string?> KeepsAnAdministratorAsync(AppUser user, Guid actorId, string selfMessage, CancellationToken cancellationToken)
    {
        if (user.Id == actorId)
        {
            return text[selfMessage];
        }

        var now = clock.GetUtcNow();
        var lockoutEnds = await (
                from link in db.UserRoles
                join role in db.Roles on link.RoleId equals role.Id
                join other in db.Users on link.UserId equals other.Id
                where role.Name == Roles.Administration && other.Id != user.Id
                select other.LockoutEnd)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Compared here: SQLite cannot compare DateTimeOffset values in SQL.
        return lockoutEnds.Any(end => !(end > now)) ? null : text["Users.Error.LastAdministrator"].Value;
    }

    private void CheckDisplayName(string? displayName, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add((UserFields.DisplayName, text["Users.Error.DisplayNameMissing"]));
        }
        else if (displayName.Trim().Length > MaxDisplayNameLength)
        {
            errors.Add((UserFields.DisplayName, text["Users.Error.DisplayNameTooLong", MaxDisplayNameLength]));
        }
    }

    private void CheckRoles(IReadOnlyCollection<string> roles, List<(string, string)> errors)
    {
        if (roles.Count == 0)
        {
            errors.Add((UserFields.Roles, text["Users.Error.RoleMissing"]));
        }
        else if (roles.Any(role => !AssignableRoles.Contains(role)))
        {
            errors.Add((UserFields.Roles, text["Users.Error.RoleNotAssignable"]));
        }
    }

    // Inside the act's transaction a failure of Identity is a bug, not bad input: it rolls everything back.
    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("User change failed: " + string.Join(" ", result.Errors.Select(e => e.Code)));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} ({UserName}) created in tenant {TenantId} with roles {Roles} by {Actor}")]
    private static partial void LogCreated(ILogger logger, Guid userId, string userName, Guid tenantId, string roles, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} ({UserName}) of tenant {TenantId}: roles added {Added}, removed {Removed} by {Actor}")]
    private static partial void LogRolesChanged(ILogger logger, Guid userId, string userName, Guid? tenantId, string added, string removed, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} ({UserName}) of tenant {TenantId} disabled by {Actor}")]
    private static partial void LogDisabled(ILogger logger, Guid userId, string userName, Guid? tenantId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} ({UserName}) of tenant {TenantId} enabled by {Actor}")]
    private static partial void LogEnabled(ILogger logger, Guid userId, string userName, Guid? tenantId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password of user {UserId} ({UserName}) of tenant {TenantId} reset by {Actor}")]
    private static partial void LogPasswordReset(ILogger logger, Guid userId, string userName, Guid? tenantId, string actor);
}
