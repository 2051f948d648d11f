using Amtsweg.Data;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Commands;

/// <summary>
/// An e-file operation. <see cref="RecordsCommandExecutor"/> runs it inside one transaction that also appends its
/// audit entries; either all of it commits or nothing does.
/// </summary>
/// <typeparam name="TResult">What the command returns.</typeparam>
public abstract record RecordsCommand<TResult>
{
    /// <summary>
    /// Work done before the transaction starts, such as streaming an upload into the blob store, so that the
    /// database is not locked while bytes arrive.
    /// </summary>
    internal virtual Task PrepareAsync(BlobStore blobs, CancellationToken cancellationToken) => Task.CompletedTask;

    private bool _prepared;

    /// <summary>Prepares once: a caller may stage the command before opening its own transaction (<see cref="RecordsCommandExecutor.StageAsync{TResult}"/>).</summary>
    internal async Task EnsurePreparedAsync(BlobStore blobs, CancellationToken cancellationToken)
    {
        if (!_prepared)
        {
            await PrepareAsync(blobs, cancellationToken).ConfigureAwait(false);
            _prepared = true;
        }
    }

    /// <summary>Runs the command in its context.</summary>
    internal abstract Task<TResult> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken);
}

/// <summary>What a running command works with: the unit of work, the clock, the actor and its audit entries.</summary>
internal sealed class RecordsCommandContext(RecordsDbContext db, TimeProvider clock, BlobStore blobs, RecordsOptions options, Guid tenantId, string actor)
{
    private readonly List<PendingAuditEntry> _audit = [];

    public RecordsDbContext Db => db;

    public BlobStore Blobs => blobs;

    public RecordsOptions Options => options;

    public Guid TenantId => tenantId;

    public string Actor => actor;

    /// <summary>The time of the command, at the precision the providers store.</summary>
    public DateTimeOffset Now { get; } = AuditHash.ToStoredPrecision(clock.GetUtcNow());

    public IReadOnlyList<PendingAuditEntry> PendingAudit => _audit;

    public Guid NewId() => Guid.CreateVersion7(Now);

    /// <summary>The calendar year in Europe/Berlin, where the town hall works.</summary>
    public int CurrentYear => BerlinTime.ToLocal(Now).Year;

    public void Audit(string action, string subjectType, Guid subjectId, params (string Key, string? Value)[] details) =>
        _audit.Add(new PendingAuditEntry(action, subjectType, subjectId, AuditHash.CanonicalDetails(details.Select(d => KeyValuePair.Create(d.Key, d.Value)))));

    /// <summary>
    /// Locks a row for the rest of the transaction (bumping its revision) and loads it; a missing row or one of
    /// another tenant is <see cref="RecordsErrors.NotFound"/>. Concurrent commands on the same record serialise here.
    /// </summary>
    public async Task<T> LockAsync<T>(Guid id, string what, CancellationToken cancellationToken)
        where T : class
    {
        var table = db.Model.FindEntityType(typeof(T))?.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var locked = await RowLockQuery.LockAsync(db, table, id, tenantId, cancellationToken).ConfigureAwait(false);
        if (locked == 0)
        {
            throw RecordsErrors.NotFoundError(what, id);
        }

        var entity = await db.Set<T>().FindAsync([id], cancellationToken).ConfigureAwait(false)
            ?? throw RecordsErrors.NotFoundError(what, id);
        await db.Entry(entity).ReloadAsync(cancellationToken).ConfigureAwait(false);
        return entity;
    }

    public async Task<Vorgang> LockOpenVorgangAsync(Guid vorgangId, CancellationToken cancellationToken)
    {
        var vorgang = await LockAsync<Vorgang>(vorgangId, "Der Vorgang", cancellationToken).ConfigureAwait(false);
        EnsureOpen(vorgang);
        return vorgang;
    }

    public static void EnsureOpen(Vorgang vorgang)
    {
        switch (vorgang.State)
        {
            case RecordState.Open:
                return;
            case RecordState.Closed:
                throw new RecordsException(RecordsErrors.VorgangClosed, $"Der Vorgang {vorgang.Aktenzeichen} ist zu den Akten verfügt (zdA) und kann nicht mehr geändert werden.");
            case RecordState.Disposed:
                throw new RecordsException(RecordsErrors.Disposed, $"Der Vorgang {vorgang.Aktenzeichen} wurde ausgesondert.");
        }
    }

    public static void EnsureOpen(Akte akte)
    {
        switch (akte.State)
        {
            case RecordState.Open:
                return;
            case RecordState.Closed:
                throw new RecordsException(RecordsErrors.AkteClosed, $"Die Akte {akte.Aktenzeichen} ist zu den Akten verfügt (zdA) und kann nicht mehr geändert werden.");
            case RecordState.Disposed:
                throw new RecordsException(RecordsErrors.Disposed, $"Die Akte {akte.Aktenzeichen} wurde ausgesondert.");
        }
    }

}

internal sealed record PendingAuditEntry(string Action, string SubjectType, Guid SubjectId, string Details);

/// <summary>
/// Hand-written SQL (STYLE.md habit 10): a row lock that works the same on both providers. An UPDATE takes the row
/// lock on PostgreSQL; on SQLite the transaction already holds the write lock.
/// </summary>
internal static class RowLockQuery
{
    public static Task<int> LockAsync(RecordsDbContext db, string table, Guid id, Guid tenantId, CancellationToken cancellationToken)
    {
        if (table is not ("Akten" or "Vorgaenge" or "Dokumente"))
        {
            throw new ArgumentException($"Table {table} has no revision to lock.", nameof(table));
        }

        // The table name is one of the three above; id and tenant are parameters.
#pragma warning disable EF1002
        return db.Database.ExecuteSqlRawAsync(
            $"UPDATE \"{table}\" SET \"Revision\" = \"Revision\" + 1 WHERE \"Id\" = {{0}} AND \"TenantId\" = {{1}}",
            [id, tenantId],
            cancellationToken);
#pragma warning restore EF1002
    }
}
