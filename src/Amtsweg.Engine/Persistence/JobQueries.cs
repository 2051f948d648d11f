using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Persistence;

/// <summary>
/// The queries of job acquisition. On PostgreSQL several server processes share one database: due jobs are locked
/// with <c>FOR UPDATE SKIP LOCKED</c> in one statement, so two job executors never take the same job and never wait
/// for each other. SQLite has one server process; there the command's optimistic revision check suffices.
/// </summary>
public static class JobQueries
{
    /// <summary>
    /// The tenants that have jobs due at <paramref name="now"/> (unlocked or with an expired lock). Reads only tenant
    /// ids, across tenants: <paramref name="db"/> must act in platform scope.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> TenantsWithDueJobsAsync(EngineDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.IsPlatformScope)
        {
            throw new InvalidOperationException("Finding the tenants with due jobs reads across tenants and needs the platform scope.");
        }

        return await Due(db.Jobs.AsNoTracking(), now).Select(j => j.TenantId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Due jobs of the current tenant, oldest first (not locked).</summary>
    internal static IQueryable<JobEntity> Due(IQueryable<JobEntity> jobs, DateTimeOffset now) =>
        jobs.Where(j => j.Kind != JobKind.ExternalTask && j.DueAt <= now && j.Retries > 0 && (j.LockExpiresAt == null || j.LockExpiresAt < now));

    /// <summary>
    /// PostgreSQL: locks up to <paramref name="limit"/> due jobs of the current tenant for <paramref name="lockOwner"/>
    /// in one statement and returns their ids. Rows another executor is locking are skipped, not waited for.
    /// </summary>
    internal static async Task<List<Guid>> LockDueJobsOnPostgresAsync(EngineDbContext db, string lockOwner, DateTimeOffset now, DateTimeOffset lockExpiresAt, int limit, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Jobs are acquired per tenant.");

        // The tenant is named explicitly because hand-written SQL bypasses the EF query filter (row-level security applies as well).
        return await db.Database.SqlQuery<Guid>($"""
            UPDATE "EngineJobs" SET "LockOwner" = {lockOwner}, "LockExpiresAt" = {lockExpiresAt}, "Revision" = "Revision" + 1
            WHERE "Id" IN (
                SELECT "Id" FROM "EngineJobs"
                WHERE "TenantId" = {tenantId} AND "Kind" <> 'ExternalTask' AND "DueAt" <= {now} AND "Retries" > 0 AND ("LockExpiresAt" IS NULL OR "LockExpiresAt" < {now})
                ORDER BY "DueAt", "Id"
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
