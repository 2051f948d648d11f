using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Administration.Users;

/// <summary>
/// Serialises the acts that may take the role Administration from a municipality's last active holder (removing the
/// role, disabling). The check "another active administrator remains" and the change must not interleave with the same
/// act of a second administrator, or two admins demoting each other at once leave none. On PostgreSQL several server
/// processes share the database, and under READ COMMITTED both checks would see the other still an administrator: the
/// acts of one municipality take turns on a transaction-scoped advisory lock, and each check runs after the lock, so it
/// reads what the one before committed. On SQLite the transaction itself begins with <c>BEGIN IMMEDIATE</c> (the
/// default of Microsoft.Data.Sqlite), which takes the database's write lock before the check.
/// </summary>
internal static class AdministratorsLock
{
    /// <summary>The text whose hash is the advisory lock's key; tests hold the same lock to prove the acts wait for it.</summary>
    public static string KeyText(Guid tenantId) => "amtsweg-administrators:" + tenantId.ToString();

    /// <summary>Takes the lock of <paramref name="tenantId"/> inside the current transaction; it ends with the transaction.</summary>
    public static async Task TakeAsync(PlatformDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The administrators' lock is taken inside the act's transaction.");
        }

        if (db.Database.IsNpgsql())
        {
            var key = KeyText(tenantId);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken).ConfigureAwait(false);
        }
    }
}
