using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Platform;

/// <summary>How pages name the people behind the login names they store.</summary>
public static class PlatformUsers
{
    /// <summary>
    /// The name a person is shown by (pages never show a login name): the display name of <paramref name="userName"/>,
    /// the login name when the user has none or no longer exists, "" for no user.
    /// </summary>
    public static async Task<string> DisplayNameAsync(this PlatformDbContext db, string? userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (userName is null)
        {
            return "";
        }

        var name = await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(name) ? userName : name;
    }

    /// <summary>
    /// The name <paramref name="viewer"/> may see for <paramref name="userName"/>: the display name, but the login name for
    /// an operator (Betrieb) administering the municipality, from whom people's names are withheld (ADR 0033).
    /// </summary>
    public static Task<string> DisplayNameForAsync(this PlatformDbContext db, string? userName, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.IsInRole(Roles.Betrieb) ? Task.FromResult(userName ?? "") : db.DisplayNameAsync(userName, cancellationToken);
    }

    /// <summary>
    /// Notes that <paramref name="userId"/> signed in now, for the operator's overview (the latest sign-in per
    /// municipality). Only the time is kept, never where from.
    /// </summary>
    public static Task RecordSignInAsync(this PlatformDbContext db, Guid userId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, at), cancellationToken);
    }
}
