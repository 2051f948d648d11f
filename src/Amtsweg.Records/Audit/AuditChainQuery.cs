using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Audit;

/// <summary>
/// Hand-written SQL for the head of the audit chain (STYLE.md habit 10): reserving sequence numbers must lock the
/// head row in the same statement that reads it, which EF Core's change tracking cannot express. Runs unchanged on
/// SQLite (3.35+) and PostgreSQL.
/// </summary>
internal static class AuditChainQuery
{
    /// <summary>Reserves <paramref name="count"/> sequence numbers; returns the last one reserved and the hash before them.</summary>
    public static async Task<(long LastSequence, string PreviousHash)> ReserveAsync(RecordsDbContext db, Guid tenantId, int count, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<HeadRow>($"""
            INSERT INTO "AuditChainHeads" ("TenantId", "LastSequence", "LastHash") VALUES ({tenantId}, {(long)count}, {AuditHash.Genesis})
            ON CONFLICT ("TenantId") DO UPDATE SET "LastSequence" = "AuditChainHeads"."LastSequence" + {(long)count}
            RETURNING "LastSequence", "LastHash"
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        var row = rows.Single();
        return (row.LastSequence, row.LastHash);
    }

    /// <summary>Records the hash of the last entry appended.</summary>
    public static async Task CompleteAsync(RecordsDbContext db, Guid tenantId, string lastHash, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "AuditChainHeads" SET "LastHash" = {lastHash} WHERE "TenantId" = {tenantId}
            """, cancellationToken).ConfigureAwait(false);
    }

    internal sealed record HeadRow(long LastSequence, string LastHash);
}
