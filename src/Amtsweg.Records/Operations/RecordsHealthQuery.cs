using Amtsweg.Records.Intake;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Operations;

/// <summary>What the e-file of one tenant holds that an operator needs to know; counts only, no content.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Backlog">Items of the Posteingang not filed yet (waiting, in processing, failed).</param>
/// <param name="OldestBacklogReceivedAt">When the oldest of them arrived, or null without backlog.</param>
/// <param name="StuckOcr">Items whose processing failed, waits for a missing program, or has not finished <see cref="IntakeOptions.StuckAfter"/> after arrival.</param>
/// <param name="StorageBytes">Bytes of all versions of its documents.</param>
public sealed record TenantRecordsHealth(Guid TenantId, int Backlog, DateTimeOffset? OldestBacklogReceivedAt, int StuckOcr, long StorageBytes);

/// <summary>
/// The e-file's figures per tenant for the operator's overview, counted across tenants in the database with grouped
/// queries (platform scope). SQLite cannot compare, order or aggregate <see cref="DateTimeOffset"/> (stored as text),
/// so times are taken from the items' ids instead: an item's id is a UUID version 7 made from its arrival time
/// (<see cref="IntakeReceiver"/>), and UUID v7 order is arrival order on both providers.
/// </summary>
public sealed class RecordsHealthQuery(RecordsDbContext db, TimeProvider clock, IOptions<IntakeOptions> options)
{
    /// <summary>The figures of every tenant that has a document or an item in the Posteingang; others are left out.</summary>
    /// <exception cref="InvalidOperationException">The scope is a tenant's.</exception>
    public async Task<IReadOnlyList<TenantRecordsHealth>> PerTenantAsync(CancellationToken cancellationToken = default)
    {
        if (!db.IsPlatformScope)
        {
            throw new InvalidOperationException("Counting the e-file per tenant reads across tenants and needs the platform scope.");
        }

        var items = db.IntakeItems.AsNoTracking();
        var backlog = await items.Where(i => i.Status != IntakeStatus.Filed)
            .GroupBy(i => i.TenantId)
            .Select(g => new { TenantId = g.Key, Count = g.Count(), Oldest = g.OrderBy(i => i.Id).Select(i => i.ReceivedAt).First() })
            .ToDictionaryAsync(g => g.TenantId, cancellationToken).ConfigureAwait(false);

        var stuckBefore = UuidV7Floor(clock.GetUtcNow() - options.Value.StuckAfter);
        var stuck = await items.Where(i => i.Status == IntakeStatus.Failed || i.Status == IntakeStatus.WaitingForSetup
                || ((i.Status == IntakeStatus.Received || i.Status == IntakeStatus.Processing) && i.Id.CompareTo(stuckBefore) < 0))
            .GroupBy(i => i.TenantId)
            .Select(g => new { TenantId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TenantId, g => g.Count, cancellationToken).ConfigureAwait(false);

        var storage = await db.DokumentVersionen.AsNoTracking()
            .GroupBy(v => v.TenantId)
            .Select(g => new { TenantId = g.Key, Bytes = g.Sum(v => v.ContentLength) })
            .ToDictionaryAsync(g => g.TenantId, g => g.Bytes, cancellationToken).ConfigureAwait(false);

        return [.. backlog.Keys.Union(stuck.Keys).Union(storage.Keys).Select(tenant => new TenantRecordsHealth(
            tenant,
            backlog.GetValueOrDefault(tenant)?.Count ?? 0,
            backlog.GetValueOrDefault(tenant)?.Oldest,
            stuck.GetValueOrDefault(tenant),
            storage.GetValueOrDefault(tenant)))];
    }

    /// <summary>The smallest UUID v7 of <paramref name="instant"/>'s millisecond: every id made earlier sorts below it.</summary>
    internal static Guid UuidV7Floor(DateTimeOffset instant)
    {
        var milliseconds = instant.ToUnixTimeMilliseconds();
        return Guid.Parse($"{milliseconds >> 16:x8}-{milliseconds & 0xFFFF:x4}-7000-8000-000000000000");
    }
}
