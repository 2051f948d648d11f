using System.Globalization;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Retention;

/// <summary>Why, on what legal basis and by which decision records are deleted.</summary>
/// <param name="Reason">Archived, destroyed or erased.</param>
/// <param name="LegalBasis">E.g. <c>§ 7 ArchG</c>, <c>Art. 17 Abs. 1 DSGVO</c>.</param>
/// <param name="Reference">The decision, e.g. the xdomea process id.</param>
public sealed record DeletionDecision(DeletionReason Reason, string LegalBasis, string? Reference);

/// <summary>
/// Deletes the content of records inside a command's transaction: each document version and note goes with its
/// tombstone and audit entry, follow-ups and search entries go, the Vorgang or Akte stays as a row in state
/// <see cref="RecordState.Disposed"/> with a tombstone of its own. Blobs are removed after the commit by
/// <see cref="BlobCleanup"/>, from the hashes collected in <see cref="FreedHashes"/>.
/// </summary>
internal sealed class RecordDisposal(RecordsCommandContext context, DeletionDecision decision)
{
    public HashSet<string> FreedHashes { get; } = new(StringComparer.Ordinal);

    /// <summary>Disposes of a closed Vorgang of <paramref name="akte"/>. Refused under legal hold or when the Vorgang is not closed.</summary>
    public async Task DisposeVorgangAsync(Akte akte, Guid vorgangId, string neutralTitle, CancellationToken cancellationToken)
    {
        EnsureNoLegalHold(akte);
        var vorgang = await context.LockAsync<Vorgang>(vorgangId, "Der Vorgang", cancellationToken).ConfigureAwait(false);
        switch (vorgang.State)
        {
            case RecordState.Closed:
                break;
            case RecordState.Open:
                throw new RecordsException(RecordsErrors.Invalid, $"Der Vorgang {vorgang.Aktenzeichen} ist wieder eröffnet und kann nicht ausgesondert werden.");
            case RecordState.Disposed:
                throw new RecordsException(RecordsErrors.Disposed, $"Der Vorgang {vorgang.Aktenzeichen} wurde bereits ausgesondert.");
        }

        var db = context.Db;
        var versions = await (
            from version in db.DokumentVersionen
            join dokument in db.Dokumente on version.DokumentId equals dokument.Id
            where dokument.VorgangId == vorgang.Id
            orderby version.DokumentId, version.Number
            select version).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var version in versions)
        {
            DeleteVersion(version, akte.Id, vorgang);
        }

        var notes = await db.Vermerke.Where(n => n.VorgangId == vorgang.Id).OrderBy(n => n.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var note in notes)
        {
            DeleteVermerk(note, akte.Id, vorgang);
        }

        await db.Wiedervorlagen.Where(w => w.VorgangId == vorgang.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.SearchEntries.Where(e => e.VorgangId == vorgang.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var tombstone = AddLoeschnachweis(LoeschnachweisSubjects.Vorgang, vorgang.Id, akte.Id, vorgang, neutralTitle, vorgang.OpenedAt, fingerprint: null);
        tombstone.ClosedAt = vorgang.ClosedAt;
        vorgang.State = RecordState.Disposed;
        context.Audit(AuditActions.VorgangDisposed, nameof(Vorgang), vorgang.Id, Details(
            ("aktenzeichen", vorgang.Aktenzeichen),
            ("versions", versions.Count.ToString(CultureInfo.InvariantCulture)),
            ("notes", notes.Count.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>Marks a closed Akte as disposed once none of its Vorgänge is left; returns false while some are.</summary>
    public async Task<bool> DisposeAkteIfEmptyAsync(Guid akteId, string neutralTitle, CancellationToken cancellationToken)
    {
        // Vorgänge disposed of earlier in this transaction must be visible to the query below.
        await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var akte = await context.LockAsync<Akte>(akteId, "Die Akte", cancellationToken).ConfigureAwait(false);
        EnsureNoLegalHold(akte);
        if (akte.State == RecordState.Disposed
            || await context.Db.Vorgaenge.AnyAsync(v => v.AkteId == akte.Id && v.State != RecordState.Disposed, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var tombstone = NewLoeschnachweis(LoeschnachweisSubjects.Akte, akte.Id, neutralTitle);
        tombstone.AkteId = akte.Id;
        tombstone.Aktenzeichen = akte.Aktenzeichen;
        tombstone.CreatedAt = akte.CreatedAt;
        tombstone.ClosedAt = akte.ClosedAt;
        context.Db.Loeschnachweise.Add(tombstone);
        akte.State = RecordState.Disposed;
        context.Audit(AuditActions.AkteDisposed, nameof(Akte), akte.Id, Details(("aktenzeichen", akte.Aktenzeichen)));
        return true;
    }

    /// <summary>Deletes one document version with its tombstone and audit entry; its blob is freed after the commit.</summary>
    public void DeleteVersion(DokumentVersion version, Guid akteId, Vorgang vorgang)
    {
        var tombstone = AddLoeschnachweis(LoeschnachweisSubjects.DokumentVersion, version.Id, akteId, vorgang, version.DokumentType, version.CreatedAt, Fingerprint.Of(version));
        tombstone.DokumentId = version.DokumentId;
        tombstone.VersionNumber = version.Number;
        tombstone.DokumentDate = version.DokumentDate;
        tombstone.ContentHash = version.ContentHash;
        tombstone.ContentLength = version.ContentLength;
        context.Db.DokumentVersionen.Remove(version);
        FreedHashes.Add(version.ContentHash);
        context.Audit(AuditActions.DokumentVersionDeleted, nameof(DokumentVersion), version.Id, Details(
            ("contentHash", version.ContentHash),
            ("fingerprint", tombstone.Fingerprint)));
    }

    /// <summary>Deletes one note with its tombstone and audit entry.</summary>
    public void DeleteVermerk(Vermerk note, Guid akteId, Vorgang vorgang)
    {
        AddLoeschnachweis(LoeschnachweisSubjects.Vermerk, note.Id, akteId, vorgang, "Vermerk", note.CreatedAt, Fingerprint.OfText(note.Text));
        context.Db.Vermerke.Remove(note);
        context.Audit(AuditActions.VermerkDeleted, nameof(Vermerk), note.Id, Details(("vorgang", vorgang.Aktenzeichen)));
    }

    public static void EnsureNoLegalHold(Akte akte)
    {
        if (akte.LegalHold)
        {
            throw new RecordsException(RecordsErrors.LegalHold, $"Für die Akte {akte.Aktenzeichen} besteht eine Aufbewahrungssperre ({akte.LegalHoldReason}); sie wird nicht ausgesondert.");
        }
    }

    private Loeschnachweis AddLoeschnachweis(string subjectType, Guid subjectId, Guid akteId, Vorgang vorgang, string title, DateTimeOffset createdAt, string? fingerprint)
    {
        var tombstone = NewLoeschnachweis(subjectType, subjectId, title);
        tombstone.AkteId = akteId;
        tombstone.VorgangId = vorgang.Id;
        tombstone.Aktenzeichen = vorgang.Aktenzeichen;
        tombstone.CreatedAt = createdAt;
        tombstone.Fingerprint = fingerprint;
        context.Db.Loeschnachweise.Add(tombstone);
        return tombstone;
    }

    private Loeschnachweis NewLoeschnachweis(string subjectType, Guid subjectId, string title) => new()
    {
        Id = context.NewId(),
        TenantId = context.TenantId,
        SubjectType = subjectType,
        SubjectId = subjectId,
        Title = title,
        Reason = decision.Reason,
        LegalBasis = decision.LegalBasis,
        DecisionReference = decision.Reference,
        DeletedBy = context.Actor,
        DeletedAt = context.Now,
    };

    private (string Key, string? Value)[] Details(params (string Key, string? Value)[] details) =>
    [
        .. details,
        ("reason", decision.Reason.ToString()),
        ("legalBasis", decision.LegalBasis),
        ("reference", decision.Reference),
    ];
}

/// <summary>
/// Removes blobs that no row of any municipality references any more (<see cref="BlobReferences"/>). Every deletion
/// path (Aussonderung, erasure under Art. 17 DSGVO, removal of Posteingang items) ends here after its deleting
/// transaction committed: a crash before the file is gone leaves at worst an orphaned file, never a row without its
/// content.
/// </summary>
public sealed class BlobCleanup(ITenantScopeFactory scopes, BlobStore blobs)
{
    /// <summary>Deletes each of <paramref name="hashes"/> that is no longer referenced; returns how many were deleted.</summary>
    public async Task<int> RemoveUnreferencedAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count == 0)
        {
            return 0;
        }

        // No tenant is needed: the reference check crosses municipalities itself, and reads nothing but the hash.
        var scope = scopes.CreatePlatformScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
            var deleted = 0;
            foreach (var hash in hashes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                // One short transaction per hash that holds the hash lock from the check until the file is gone: a
                // writer committing a row for the same content either committed before (the check sees its row) or
                // looks for the file after (and fails instead of pointing to nothing). See BlobReferences.
                var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await BlobReferences.LockAsync(db, hash, cancellationToken).ConfigureAwait(false);
                    if (!await BlobReferences.IsReferencedAsync(db, hash, cancellationToken).ConfigureAwait(false) && blobs.Delete(hash))
                    {
                        deleted++;
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return deleted;
        }
    }
}
