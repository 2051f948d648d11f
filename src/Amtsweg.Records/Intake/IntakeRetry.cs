using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Intake;

/// <summary>
/// What a clerk may do with an item that was refused (<see cref="IntakeStatus.Failed"/>) or waits for a missing
/// program (<see cref="IntakeStatus.WaitingForSetup"/>): process it again, or remove it from the Posteingang.
/// Nothing else is touched; an item of another tenant is not found.
/// </summary>
public sealed class IntakeRetry(RecordsDbContext db, ITenantScopeFactory scopes, BlobCleanup cleanup, IntakeSignal signal)
{
    /// <summary>Puts the item back in line for processing and wakes the worker.</summary>
    public async Task RetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var item = await FindStoppedAsync(id, cancellationToken).ConfigureAwait(false);
        var status = item.Status;
        var updated = await db.IntakeItems.Where(i => i.Id == id && i.Status == status).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, IntakeStatus.Received)
            .SetProperty(i => i.Progress, 0)
            .SetProperty(i => i.Message, (string?)null), cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            throw NotStopped(item.FileName);
        }

        signal.Notify();
    }

    /// <summary>
    /// Removes the item; its content goes through <see cref="BlobCleanup"/> (which keeps a blob a document version
    /// uses) and only when no other Posteingang item of any tenant holds the same content.
    /// </summary>
    public async Task RemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        var item = await FindStoppedAsync(id, cancellationToken).ConfigureAwait(false);
        if (await db.IntakeItems.AnyAsync(i => i.ParentId == id, cancellationToken).ConfigureAwait(false))
        {
            throw IntakeErrors.Error(IntakeErrors.NotWaiting, $"„{item.FileName}“ hat Anhänge im Posteingang; entfernen Sie zuerst diese.");
        }

        var status = item.Status;
        var removed = await db.IntakeItems.Where(i => i.Id == id && i.Status == status).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (removed == 0)
        {
            throw NotStopped(item.FileName);
        }

        string[] hashes = item.FilingContentHash is { } filing ? [item.ContentHash, filing] : [item.ContentHash];
        var unused = new List<string>();
        // Equal content is stored once for all tenants: another tenant's item may hold the same blob.
        var scope = scopes.CreatePlatformScope();
        await using (scope.ConfigureAwait(false))
        {
            var all = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
            foreach (var hash in hashes)
            {
                if (!await all.IntakeItems.AnyAsync(i => i.ContentHash == hash || i.FilingContentHash == hash, cancellationToken).ConfigureAwait(false))
                {
                    unused.Add(hash);
                }
            }
        }

        await cleanup.RemoveUnreferencedAsync(unused, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IntakeItem> FindStoppedAsync(Guid id, CancellationToken cancellationToken)
    {
        var item = await db.IntakeItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw RecordsErrors.NotFoundError("Der Eintrag im Posteingang", id);
        await IntakeRestrictions.EnsureNotRestrictedAsync(db, id, cancellationToken).ConfigureAwait(false);
        return item.Status is IntakeStatus.Failed or IntakeStatus.WaitingForSetup ? item : throw NotStopped(item.FileName);
    }

    private static RecordsException NotStopped(string fileName) =>
        IntakeErrors.Error(IntakeErrors.NotStopped, $"„{fileName}“ wurde weder abgewiesen noch wartet es auf die Einrichtung; nur solche Eingänge können erneut verarbeitet oder entfernt werden.");
}
