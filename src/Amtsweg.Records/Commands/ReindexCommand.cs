using Amtsweg.Records.Blobs;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Commands;

/// <summary>What a re-index did.</summary>
/// <param name="Vorgaenge">Vorgänge indexed (disposed ones are not: they have no search entries).</param>
/// <param name="Dokumente">Dokumente indexed with their newest version.</param>
/// <param name="MissingContent">Dokumente whose content is missing from the blob store, indexed without full text.</param>
/// <param name="Posteingang">Items waiting in the Posteingang, indexed with the text their processing found.</param>
public sealed record ReindexResult(int Vorgaenge, int Dokumente, int MissingContent, int Posteingang);

/// <summary>
/// Rebuilds the search entries of the current tenant from the records, one Vorgang per transaction, so that search
/// keeps working while it runs and a large e-file is never one huge transaction. Each document is indexed with its
/// newest version and the text it got when it was filed: the text the Posteingang found (extraction or OCR, kept on
/// the intake item) while the newest version is still the content the Posteingang filed, otherwise the text extracted
/// again from the stored content with <see cref="DocumentText"/>, as <see cref="AddDokumentCommand"/> does. OCR is
/// never run again.
/// </summary>
public sealed class SearchReindexer(RecordsDbContext db, RecordsCommandExecutor executor, BlobStore blobs)
{
    /// <summary>Re-indexes every Vorgang of the tenant, then the Posteingang; <paramref name="progress"/> gets the count done and the total.</summary>
    public async Task<ReindexResult> ReindexAsync(string actor, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var ids = await db.Vorgaenge.AsNoTracking().Where(v => v.State != RecordState.Disposed).OrderBy(v => v.Id).Select(v => v.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        int documents = 0, missing = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            var texts = await TextsAsync(ids[i], cancellationToken).ConfigureAwait(false);
            var indexed = await executor.ExecuteAsync(new ReindexVorgangCommand(ids[i], texts), actor, cancellationToken).ConfigureAwait(false);
            documents += indexed;
            missing += texts.Values.Count(t => t.Missing);
            progress?.Report((i + 1, ids.Count));
        }

        var waiting = await executor.ExecuteAsync(new ReindexPosteingangCommand(), actor, cancellationToken).ConfigureAwait(false);
        return new ReindexResult(ids.Count, documents, missing, waiting);
    }

    // Read outside the transaction: extracting the text of a large PDF must not hold the database's write lock.
    private async Task<Dictionary<Guid, IndexText>> TextsAsync(Guid vorgangId, CancellationToken cancellationToken)
    {
        var newest = await ReindexVorgangCommand.NewestVersionsAsync(db, vorgangId, cancellationToken).ConfigureAwait(false);
        var ids = newest.Select(n => n.Dokument.Id).ToList();
        var intake = await db.IntakeItems.AsNoTracking().Where(i => i.FiledDokumentId != null && ids.Contains(i.FiledDokumentId.Value))
            .Select(i => new { Dokument = i.FiledDokumentId!.Value, Filed = i.FilingContentHash ?? i.ContentHash, i.Text }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var texts = new Dictionary<Guid, IndexText>();
        foreach (var (dokument, version) in newest)
        {
            // The newest version is still what the Posteingang filed (the original, or its rendition as version 2).
            texts[version.Id] = intake.FirstOrDefault(i => i.Dokument == dokument.Id && i.Filed == version.ContentHash) is { } item
                ? new IndexText(item.Text, false)
                : await ReindexVorgangCommand.ExtractAsync(blobs, version, cancellationToken).ConfigureAwait(false);
        }

        return texts;
    }
}

/// <summary>
/// Indexes every item that waits in the Posteingang again and removes the entries of items that no longer wait (filed
/// or erased meanwhile). The items keep the text their processing found, so nothing is extracted here.
/// </summary>
internal sealed record ReindexPosteingangCommand : RecordsCommand<int>
{
    internal override async Task<int> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var waiting = await db.IntakeItems.Where(i => i.Status == IntakeStatus.WaitingForFiling).OrderBy(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var item in waiting)
        {
            await SearchIndexer.IndexIntakeItemAsync(db, item, cancellationToken).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var ids = waiting.Select(i => i.Id).ToList();
        await db.SearchEntries.Where(e => e.Kind == SearchKinds.Posteingang && !ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return waiting.Count;
    }
}

/// <summary>The text a document version is indexed with; <see cref="Missing"/> when its content is not in the blob store.</summary>
internal sealed record IndexText(string? Text, bool Missing);

/// <summary>
/// Indexes one Vorgang and the newest version of each of its documents again, removes search entries of the Vorgang
/// that no longer have a record (an erased document) and restores the Art. 18 restriction marks. Versions filed after
/// <see cref="Texts"/> was read get their text extracted here. Returns the number of documents indexed.
/// </summary>
internal sealed record ReindexVorgangCommand(Guid VorgangId, IReadOnlyDictionary<Guid, IndexText> Texts) : RecordsCommand<int>
{
    internal override async Task<int> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var vorgang = await db.Vorgaenge.SingleOrDefaultAsync(v => v.Id == VorgangId, cancellationToken).ConfigureAwait(false)
            ?? throw RecordsErrors.NotFoundError("Der Vorgang", VorgangId);
        var indexed = new List<Guid>();
        var documents = 0;
        if (vorgang.State != RecordState.Disposed)
        {
            var akte = await db.Akten.SingleAsync(a => a.Id == vorgang.AkteId, cancellationToken).ConfigureAwait(false);
            await SearchIndexer.IndexVorgangAsync(db, vorgang, akte, cancellationToken).ConfigureAwait(false);
            indexed.Add(vorgang.Id);
            foreach (var (dokument, version) in await NewestVersionsAsync(db, vorgang.Id, cancellationToken).ConfigureAwait(false))
            {
                var text = Texts.TryGetValue(version.Id, out var known) ? known : await ExtractAsync(context.Blobs, version, cancellationToken).ConfigureAwait(false);
                await SearchIndexer.IndexDokumentAsync(db, vorgang, akte.PositionId, dokument.Id, version, text.Text, cancellationToken).ConfigureAwait(false);
                indexed.Add(dokument.Id);
                documents++;
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await db.SearchEntries.Where(e => e.VorgangId == vorgang.Id && !indexed.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var restricted = await db.Restrictions.Where(r => indexed.Contains(r.SubjectId)).Select(r => r.SubjectId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        await db.SearchEntries.Where(e => e.VorgangId == vorgang.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Restricted, e => restricted.Contains(e.Id)), cancellationToken).ConfigureAwait(false);
        return documents;
    }

    /// <summary>The documents of a Vorgang with their newest version; a document whose versions were erased has none and is left out.</summary>
    internal static async Task<List<(Dokument Dokument, DokumentVersion Version)>> NewestVersionsAsync(RecordsDbContext db, Guid vorgangId, CancellationToken cancellationToken)
    {
        var rows = await (from d in db.Dokumente.AsNoTracking()
                          join v in db.DokumentVersionen.AsNoTracking() on new { Id = d.Id, Number = d.CurrentVersion } equals new { Id = v.DokumentId, v.Number }
                          where d.VorgangId == vorgangId
                          orderby d.Id
                          select new { d, v }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => (r.d, r.v)).ToList();
    }

    internal static async Task<IndexText> ExtractAsync(BlobStore blobs, DokumentVersion version, CancellationToken cancellationToken)
    {
        try
        {
            return new IndexText(await DocumentText.ExtractAsync(blobs, new BlobReference(version.ContentHash, version.ContentLength), version.MediaType, cancellationToken).ConfigureAwait(false), false);
        }
        catch (RecordsException error) when (error.Code == RecordsErrors.BlobCorrupt)
        {
            // A missing blob is tampering or damage that `audit verify` names; the document stays findable by its metadata.
            return new IndexText(null, true);
        }
    }
}
