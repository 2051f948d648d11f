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

    /// <summary>Due jobs of the current tenant (not locked).</summary>
    internal static IQueryable<JobEntity> Due(IQueryable<JobEntity> jobs, DateTimeOffset now) =>
        jobs.Where(j => j.Kind != JobKind.ExternalTask && j.DueAt <= now && j.Retries > 0 && (j.LockExpiresAt == null || j.LockExpiresAt < now));

    /// <summary>
    /// Due jobs an executor may take now: not of an instance another job of which is locked and not expired (jobs of
    /// one instance never run at the same time), highest priority first, then oldest due.
    /// </summary>
    internal static IQueryable<JobEntity> Acquirable(IQueryable<JobEntity> jobs, DateTimeOffset now) =>
        Due(jobs, now)
            .Where(j => j.ProcessInstanceId == null || !jobs.Any(o => o.ProcessInstanceId == j.ProcessInstanceId && o.Id != j.Id && o.Kind != JobKind.ExternalTask && o.LockExpiresAt != null && o.LockExpiresAt >= now))
            .OrderByDescending(j => j.Priority).ThenBy(j => j.DueAt).ThenBy(j => j.Id);

    /// <summary>
    /// PostgreSQL: locks up to <paramref name="limit"/> due jobs of the current tenant for <paramref name="lockOwner"/>
    /// in one statement and returns them (id, instance, kind) in acquisition order. Rows another executor is locking
    /// are skipped, not waited for.
    /// </summary>
    internal static async Task<List<AcquiredJob>> LockDueJobsOnPostgresAsync(EngineDbContext db, string lockOwner, DateTimeOffset now, DateTimeOffset lockExpiresAt, int limit, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Jobs are acquired per tenant.");

        // Acquisitions of one tenant take turns (a transaction-scoped advisory lock), so that the check "no other job
        // of the instance is locked" sees every lock taken before; the lock ends with the command's transaction.
        await db.Database.ExecuteSqlAsync($"""SELECT pg_advisory_xact_lock(hashtextextended('amtsweg-job-acquisition:' || {tenantId.ToString()}, 0))""", cancellationToken).ConfigureAwait(false);

        // The tenant is named explicitly because hand-written SQL bypasses the EF query filter (row-level security applies as well).
        // The chosen rows are materialised first: as a plain "IN (subquery)" PostgreSQL may evaluate the subquery more
        // than once and lock more rows than the limit.
        var rows = await db.Database.SqlQuery<LockedJobRow>($"""
            WITH picked AS MATERIALIZED (
                SELECT j."Id" FROM "EngineJobs" j
                WHERE j."TenantId" = {tenantId} AND j."Kind" <> 'ExternalTask' AND j."DueAt" <= {now} AND j."Retries" > 0 AND (j."LockExpiresAt" IS NULL OR j."LockExpiresAt" < {now})
                  AND (j."ProcessInstanceId" IS NULL OR NOT EXISTS (
                      SELECT 1 FROM "EngineJobs" o
                      WHERE o."ProcessInstanceId" = j."ProcessInstanceId" AND o."Id" <> j."Id" AND o."Kind" <> 'ExternalTask' AND o."LockExpiresAt" >= {now}))
                ORDER BY j."Priority" DESC, j."DueAt", j."Id"
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED)
            UPDATE "EngineJobs" SET "LockOwner" = {lockOwner}, "LockExpiresAt" = {lockExpiresAt}, "Revision" = "Revision" + 1
            FROM picked WHERE "EngineJobs"."Id" = picked."Id"
            RETURNING "EngineJobs"."Id", "EngineJobs"."ProcessInstanceId", "EngineJobs"."Kind", "EngineJobs"."Priority", "EngineJobs"."DueAt"
            """).ToListAsync(cancellationToken).ConfigureAwait(false);

        // RETURNING gives no order: sort as picked, so that jobs of one instance run in the order they were due.
        return [.. rows.OrderByDescending(r => r.Priority).ThenBy(r => r.DueAt).ThenBy(r => r.Id)
            .Select(r => new AcquiredJob(r.Id, r.ProcessInstanceId, r.Kind == nameof(JobKind.SignalBroadcast)))];
    }

    /// <summary>A row returned by the PostgreSQL acquisition.</summary>
    internal sealed class LockedJobRow
    {
        public Guid Id { get; set; }

        public Guid? ProcessInstanceId { get; set; }

        public string Kind { get; set; } = string.Empty;

        public int Priority { get; set; }

        public DateTimeOffset DueAt { get; set; }
    }
}
