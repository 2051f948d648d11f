using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Commands;

/// <summary>
/// Runs e-file commands for the tenant of the unit of work. Each command runs in its own transaction, which also
/// appends the command's audit entries to the tenant's hash chain; a refused command leaves no trace.
/// </summary>
public sealed class RecordsCommandExecutor(
    RecordsDbContext db,
    TenantContext tenant,
    TimeProvider clock,
    BlobStore blobs,
    IOptions<RecordsOptions> options)
{
    /// <summary>Runs <paramref name="command"/> on behalf of <paramref name="actor"/> (a user name or a system name).</summary>
    public async Task<TResult> ExecuteAsync<TResult>(RecordsCommand<TResult> command, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (tenant.TenantId is not { } tenantId)
        {
            throw new RecordsException(RecordsErrors.TenantMissing, "Für die E-Akte ist keine Gemeinde (Mandant) gewählt.");
        }

        if (string.IsNullOrWhiteSpace(actor) || actor.Length > 200)
        {
            throw RecordsErrors.InvalidError("Es fehlt, wer handelt (höchstens 200 Zeichen).");
        }

        await command.EnsurePreparedAsync(blobs, cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        _ = db.TakeSavedBlobReferences();

        // A caller that composes the e-file with another module in one transaction (a process start that opens its
        // Vorgang) owns the transaction: the command joins it, and commits or rolls back with it.
        if (db.Database.CurrentTransaction is not null)
        {
            return await RunAsync(command, tenantId, actor, cancellationToken).ConfigureAwait(false);
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await RunAsync(command, tenantId, actor, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    /// <summary>
    /// Does the command's work that needs no transaction now (streams content into the blob store, extracts its text),
    /// so that a caller who runs it inside its own transaction opens that transaction only afterwards.
    /// </summary>
    public Task StageAsync<TResult>(RecordsCommand<TResult> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.EnsurePreparedAsync(blobs, cancellationToken);
    }

    private async Task<TResult> RunAsync<TResult>(RecordsCommand<TResult> command, Guid tenantId, string actor, CancellationToken cancellationToken)
    {
        try
        {
            var context = new RecordsCommandContext(db, clock, blobs, options.Value, tenantId, actor);
            var result = await command.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await AuditChain.AppendAsync(db, tenantId, actor, context.Now, context.PendingAudit, cancellationToken).ConfigureAwait(false);

            // Last, so the hash locks are held only for the commit: the content the new rows point to is still there.
            await BlobReferences.EnsureStoredAsync(db, blobs, cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
