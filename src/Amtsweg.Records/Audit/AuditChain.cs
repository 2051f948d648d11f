using Amtsweg.Records.Commands;
using Amtsweg.Records.Persistence;

namespace Amtsweg.Records.Audit;

/// <summary>Appends entries to a tenant's hash chain, inside the caller's transaction.</summary>
internal static class AuditChain
{
    /// <summary>
    /// Appends <paramref name="pending"/> in order, each hashed over its predecessor, and moves the chain head. The
    /// head row stays locked until the caller's transaction ends, so concurrent writers append one after the other.
    /// </summary>
    public static async Task AppendAsync(RecordsDbContext db, Guid tenantId, string actor, DateTimeOffset now, IReadOnlyList<PendingAuditEntry> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var (last, previous) = await AuditChainQuery.ReserveAsync(db, tenantId, pending.Count, cancellationToken).ConfigureAwait(false);
        var sequence = last - pending.Count + 1;
        foreach (var item in pending)
        {
            var entry = new AuditEntry
            {
                Id = Guid.CreateVersion7(now),
                TenantId = tenantId,
                Sequence = sequence++,
                OccurredAt = now,
                Actor = actor,
                Action = item.Action,
                SubjectType = item.SubjectType,
                SubjectId = item.SubjectId,
                Details = item.Details,
                PreviousHash = previous,
                Hash = "",
            };
            entry.Hash = AuditHash.Compute(entry);
            previous = entry.Hash;
            db.AuditEntries.Add(entry);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditChainQuery.CompleteAsync(db, tenantId, previous, cancellationToken).ConfigureAwait(false);
    }
}
