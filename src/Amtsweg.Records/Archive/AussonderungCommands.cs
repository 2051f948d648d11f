using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Retention;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Archive;

/// <summary>A written xdomea message: the process, the message name, the file and what it holds.</summary>
/// <param name="ProcessId">The xdomea ProzessID.</param>
/// <param name="Message">E.g. <c>Aussonderung.Anbieteverzeichnis.0501</c>.</param>
/// <param name="Path">The zip file written.</param>
/// <param name="Akten">How many Akten it holds.</param>
/// <param name="Vorgaenge">How many Vorgänge it holds.</param>
/// <param name="Versions">How many document versions (primary files) it holds.</param>
public sealed record XdomeaExport(Guid ProcessId, string Message, string Path, int Akten, int Vorgaenge, int Versions);

/// <summary>What reading an answer of the archive did.</summary>
/// <param name="ProcessId">The xdomea ProzessID.</param>
/// <param name="Message">The message read.</param>
/// <param name="Summary">A German sentence for people.</param>
/// <param name="FreedHashes">Blobs no longer referenced by this tenant, for <see cref="BlobCleanup"/>.</param>
public sealed record XdomeaImport(Guid ProcessId, string Message, string Summary, IReadOnlyCollection<string> FreedHashes);

/// <summary>Writes an offer (0501) of the given closed Akten, records it, and leaves the zip at a temporary path.</summary>
internal sealed record OfferAktenCommand(Guid ProcessId, IReadOnlyList<Guid> AkteIds, XdomeaParty Sender, XdomeaParty Archive, string TempPath)
    : RecordsCommand<XdomeaExport?>
{
    internal override async Task<XdomeaExport?> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var akten = new List<ArchiveAkte>();
        foreach (var akteId in AkteIds)
        {
            var akte = await context.LockAsync<Akte>(akteId, "Die Akte", cancellationToken).ConfigureAwait(false);
            if (akte.State != RecordState.Closed)
            {
                throw new RecordsException(RecordsErrors.Invalid, $"Die Akte {akte.Aktenzeichen} ist nicht zu den Akten verfügt und kann nicht angeboten werden.");
            }

            RecordDisposal.EnsureNoLegalHold(akte);
            akten.Add(await ArchiveSnapshot.LoadAsync(context.Db, akte, vorgangIds: null, cancellationToken).ConfigureAwait(false));
        }

        context.Db.Aussonderungen.Add(new Aussonderung { Id = ProcessId, TenantId = context.TenantId, OfferedAt = context.Now, OfferedBy = context.Actor, ArchiveName = Archive.Name });
        foreach (var akte in akten)
        {
            AddObject(context, ArchiveObjectKind.Akte, akte.Akte.Id, akte.Akte.Id, akte.Akte.Aktenzeichen, akte.Position.DisposalRule);
            foreach (var vorgang in akte.Vorgaenge)
            {
                AddObject(context, ArchiveObjectKind.Vorgang, vorgang.Vorgang.Id, akte.Akte.Id, vorgang.Vorgang.Aktenzeichen, akte.Position.DisposalRule);
            }
        }

        var document = XdomeaMessages.OfferDocument(ProcessId, context.Now, Sender, Archive, akten);
        ArchiveSnapshot.WriteZip(TempPath, XdomeaMessages.FileName(ProcessId, XdomeaMessages.Offer, "xml"), document, [], context.Blobs, context.Now);
        context.Audit(AuditActions.AussonderungOffered, nameof(Aussonderung), ProcessId,
            ("archive", Archive.Name),
            ("akten", string.Join(",", akten.Select(a => a.Akte.Aktenzeichen))));
        return new XdomeaExport(ProcessId, XdomeaMessages.Offer, TempPath, akten.Count, akten.Sum(a => a.Vorgaenge.Count), 0);
    }

    private void AddObject(RecordsCommandContext context, ArchiveObjectKind kind, Guid objectId, Guid akteId, string aktenzeichen, DisposalRule proposed) =>
        context.Db.AussonderungObjekte.Add(new AussonderungObjekt
        {
            Id = context.NewId(),
            TenantId = context.TenantId,
            AussonderungId = ProcessId,
            Kind = kind,
            ObjectId = objectId,
            AkteId = akteId,
            Aktenzeichen = aktenzeichen,
            Proposed = proposed,
        });
}

/// <summary>
/// Writes the hand-over (0503) of a process's Vorgänge the archive appraised "A" and that were not handed over yet,
/// with every version's content, and records it. Every content read is audited.
/// </summary>
internal sealed record TransferCommand(Guid ProcessId, XdomeaParty Sender, XdomeaParty Archive, string TempPath) : RecordsCommand<XdomeaExport?>
{
    internal override async Task<XdomeaExport?> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var objects = await context.Db.AussonderungObjekte.Where(o => o.AussonderungId == ProcessId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var pending = objects.Where(o => o.Decision == ArchiveDecision.Archive && o.TransferredAt is null && o.DisposedAt is null).ToList();
        var akten = new List<ArchiveAkte>();
        foreach (var group in pending.GroupBy(o => o.AkteId).OrderBy(g => g.First().Aktenzeichen, StringComparer.Ordinal))
        {
            var akte = await context.LockAsync<Akte>(group.Key, "Die Akte", cancellationToken).ConfigureAwait(false);
            RecordDisposal.EnsureNoLegalHold(akte);
            var vorgangIds = group.Where(o => o.Kind == ArchiveObjectKind.Vorgang).Select(o => o.ObjectId).ToHashSet();
            akten.Add(await ArchiveSnapshot.LoadAsync(context.Db, akte, vorgangIds, cancellationToken).ConfigureAwait(false));
            foreach (var item in group)
            {
                item.TransferredAt = context.Now;
            }
        }

        if (akten.Count == 0)
        {
            return null;
        }

        var versions = akten.SelectMany(a => a.Vorgaenge).SelectMany(v => v.Dokumente).SelectMany(d => d.Versions).ToList();
        var document = XdomeaMessages.TransferDocument(ProcessId, context.Now, Sender, Archive, akten);
        ArchiveSnapshot.WriteZip(TempPath, XdomeaMessages.FileName(ProcessId, XdomeaMessages.Transfer, "xml"), document, versions, context.Blobs, context.Now);
        foreach (var version in versions)
        {
            context.Audit(AuditActions.DokumentContentRead, nameof(DokumentVersion), version.Id, ("contentHash", version.ContentHash), ("purpose", XdomeaMessages.Transfer));
        }

        context.Audit(AuditActions.AussonderungTransferred, nameof(Aussonderung), ProcessId,
            ("akten", string.Join(",", akten.Select(a => a.Akte.Aktenzeichen))),
            ("versions", versions.Count.ToString(CultureInfo.InvariantCulture)));
        return new XdomeaExport(ProcessId, XdomeaMessages.Transfer, TempPath, akten.Count, akten.Sum(a => a.Vorgaenge.Count), versions.Count);
    }
}

/// <summary>Applies an answer of the archive (0502, 0504, 0506) to its process; disposes of what it allows.</summary>
internal sealed record ApplyAnswerCommand(XdomeaAnswer Answer, string? OwnAgs) : RecordsCommand<XdomeaImport>
{
    /// <summary>The legal basis written into the tombstones of the Aussonderung.</summary>
    public const string LegalBasis = "Aufbewahrungsfrist abgelaufen; Anbietung an das zuständige Archiv nach dem Archivgesetz des Landes";

    internal override async Task<XdomeaImport> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        if (Answer.ReceiverAgs is not null && OwnAgs is not null && Answer.ReceiverAgs != OwnAgs)
        {
            throw XdomeaAnswer.Invalid($"Die Nachricht ist an die Behörde {Answer.ReceiverAgs} gerichtet, nicht an diese Gemeinde ({OwnAgs}).");
        }

        var aussonderung = await context.Db.Aussonderungen.SingleOrDefaultAsync(a => a.Id == Answer.ProcessId, cancellationToken).ConfigureAwait(false)
            ?? throw XdomeaAnswer.Invalid($"Eine Aussonderung {Answer.ProcessId} gibt es für diese Gemeinde nicht.");
        var objects = await context.Db.AussonderungObjekte.Where(o => o.AussonderungId == aussonderung.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byId = objects.ToDictionary(o => o.ObjectId);
        var reason = Answer.Message == XdomeaMessages.ImportConfirmation ? DeletionReason.Archived : DeletionReason.Destroyed;
        var disposal = new RecordDisposal(context, new DeletionDecision(reason, LegalBasis, aussonderung.Id.ToString("D")));
        string summary;
        switch (Answer.Message)
        {
            case XdomeaMessages.OfferReceipt:
                if (aussonderung.OfferReceiptAt is not null)
                {
                    throw XdomeaAnswer.Invalid($"Die Empfangsbestätigung der Aussonderung {aussonderung.Id} wurde bereits eingelesen.");
                }

                aussonderung.OfferReceiptAt = context.Now;
                summary = "Das Archiv hat den Empfang des Anbieteverzeichnisses bestätigt.";
                break;
            case XdomeaMessages.Appraisal:
                summary = await AppraiseAsync(context, aussonderung, byId, disposal, cancellationToken).ConfigureAwait(false);
                break;
            default:
                summary = await ConfirmImportAsync(context, byId, objects, disposal, cancellationToken).ConfigureAwait(false);
                break;
        }

        context.Audit(Answer.Message switch
        {
            XdomeaMessages.OfferReceipt => AuditActions.AussonderungOfferReceived,
            XdomeaMessages.Appraisal => AuditActions.AussonderungAppraised,
            _ => AuditActions.AussonderungImportConfirmed,
        }, nameof(Aussonderung), aussonderung.Id, ("message", Answer.Message), ("sha256", Answer.Sha256), ("summary", summary));
        return new XdomeaImport(aussonderung.Id, Answer.Message, summary, disposal.FreedHashes);
    }

    private async Task<string> AppraiseAsync(RecordsCommandContext context, Aussonderung aussonderung, Dictionary<Guid, AussonderungObjekt> byId, RecordDisposal disposal, CancellationToken cancellationToken)
    {
        if (aussonderung.AppraisedAt is not null)
        {
            throw XdomeaAnswer.Invalid($"Die Bewertung der Aussonderung {aussonderung.Id} wurde bereits eingelesen.");
        }

        foreach (var appraisal in Answer.Appraisals)
        {
            var item = byId.GetValueOrDefault(appraisal.Id)
                ?? throw XdomeaAnswer.Invalid($"Das bewertete Objekt {appraisal.Id} wurde in der Aussonderung {aussonderung.Id} nicht angeboten.");
            item.Decision = appraisal.Decision;
        }

        // A Vorgang without a decision of its own follows its Akte; an Akte without one is archived when any of its
        // Vorgänge is, and destroyed otherwise.
        var akten = byId.Values.Where(o => o.Kind == ArchiveObjectKind.Akte).ToDictionary(o => o.AkteId);
        foreach (var vorgang in byId.Values.Where(o => o.Kind == ArchiveObjectKind.Vorgang))
        {
            vorgang.Decision ??= akten[vorgang.AkteId].Decision
                ?? throw XdomeaAnswer.Invalid($"Für den Vorgang {vorgang.Aktenzeichen} und seine Akte enthält die Bewertung keine Entscheidung.");
        }

        foreach (var akte in akten.Values.Where(a => a.Decision is null))
        {
            var vorgaenge = byId.Values.Where(o => o.Kind == ArchiveObjectKind.Vorgang && o.AkteId == akte.AkteId).ToList();
            akte.Decision = vorgaenge.Count == 0
                ? throw XdomeaAnswer.Invalid($"Für die Akte {akte.Aktenzeichen} enthält die Bewertung keine Entscheidung.")
                : vorgaenge.Any(v => v.Decision == ArchiveDecision.Archive) ? ArchiveDecision.Archive : ArchiveDecision.Destroy;
        }

        aussonderung.AppraisedAt = context.Now;
        var destroyed = 0;
        foreach (var akte in akten.Values.OrderBy(a => a.Aktenzeichen, StringComparer.Ordinal))
        {
            var lockedAkte = await context.LockAsync<Akte>(akte.AkteId, "Die Akte", cancellationToken).ConfigureAwait(false);
            foreach (var vorgang in byId.Values.Where(o => o.Kind == ArchiveObjectKind.Vorgang && o.AkteId == akte.AkteId && o.Decision == ArchiveDecision.Destroy).OrderBy(o => o.Aktenzeichen, StringComparer.Ordinal))
            {
                await disposal.DisposeVorgangAsync(lockedAkte, vorgang.ObjectId, await PositionTitleAsync(context.Db, lockedAkte, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                vorgang.DisposedAt = context.Now;
                destroyed++;
            }

            if (akte.Decision == ArchiveDecision.Destroy
                && await disposal.DisposeAkteIfEmptyAsync(akte.AkteId, await PositionTitleAsync(context.Db, lockedAkte, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
            {
                akte.DisposedAt = context.Now;
            }
        }

        var archived = byId.Values.Count(o => o.Kind == ArchiveObjectKind.Vorgang && o.Decision == ArchiveDecision.Archive);
        return $"Bewertung eingelesen: {archived} Vorgang/Vorgänge archivwürdig, {destroyed} vernichtet.";
    }

    private async Task<string> ConfirmImportAsync(RecordsCommandContext context, Dictionary<Guid, AussonderungObjekt> byId, List<AussonderungObjekt> objects, RecordDisposal disposal, CancellationToken cancellationToken)
    {
        int imported = 0, failed = 0;
        foreach (var confirmation in Answer.Imports)
        {
            var item = byId.GetValueOrDefault(confirmation.Id)
                ?? throw XdomeaAnswer.Invalid($"Das Schriftgutobjekt {confirmation.Id} gehört nicht zur Aussonderung {Answer.ProcessId}.");
            if (item.DisposedAt is not null)
            {
                throw XdomeaAnswer.Invalid($"{item.Kind} {item.Aktenzeichen} wurde bereits ausgesondert; die Bestätigung wurde schon eingelesen.");
            }

            if (item.TransferredAt is null)
            {
                throw XdomeaAnswer.Invalid($"{item.Kind} {item.Aktenzeichen} wurde dem Archiv nicht übergeben (keine Aussonderung 0503).");
            }

            var covered = objects.Where(o => o.Kind == ArchiveObjectKind.Vorgang && o.TransferredAt is not null && o.DisposedAt is null
                && (item.Kind == ArchiveObjectKind.Akte ? o.AkteId == item.AkteId : o.ObjectId == item.ObjectId)).ToList();
            if (!confirmation.Success)
            {
                // Not imported: hand it over again with the next export.
                foreach (var o in covered.Append(item))
                {
                    o.TransferredAt = null;
                }

                context.Audit(AuditActions.AussonderungImportConfirmed, item.Kind.ToString(), item.ObjectId,
                    ("aktenzeichen", item.Aktenzeichen), ("success", "false"), ("errors", string.Join(" | ", confirmation.Errors)));
                failed++;
                continue;
            }

            var akte = await context.LockAsync<Akte>(item.AkteId, "Die Akte", cancellationToken).ConfigureAwait(false);
            var title = await PositionTitleAsync(context.Db, akte, cancellationToken).ConfigureAwait(false);
            foreach (var vorgang in covered.OrderBy(o => o.Aktenzeichen, StringComparer.Ordinal))
            {
                await disposal.DisposeVorgangAsync(akte, vorgang.ObjectId, title, cancellationToken).ConfigureAwait(false);
                vorgang.DisposedAt = context.Now;
            }

            item.DisposedAt ??= item.Kind == ArchiveObjectKind.Vorgang ? context.Now : null;
            var akteObject = objects.Single(o => o.Kind == ArchiveObjectKind.Akte && o.AkteId == item.AkteId);
            if (akteObject.DisposedAt is null && await disposal.DisposeAkteIfEmptyAsync(item.AkteId, title, cancellationToken).ConfigureAwait(false))
            {
                akteObject.DisposedAt = context.Now;
            }

            imported++;
        }

        return $"Importbestätigung eingelesen: {imported} übernommen und ausgesondert, {failed} nicht übernommen (werden erneut übergeben).";
    }

    // The tombstone of an Akte or Vorgang names its Aktenplan position, not its subject, which may name a person.
    private static async Task<string> PositionTitleAsync(RecordsDbContext db, Akte akte, CancellationToken cancellationToken)
    {
        var position = await db.AktenplanPositionen.AsNoTracking().SingleAsync(p => p.Id == akte.PositionId, cancellationToken).ConfigureAwait(false);
        return $"{position.Code} {position.Title}";
    }
}

/// <summary>Loads what goes into a message and writes the zip.</summary>
internal static class ArchiveSnapshot
{
    public static async Task<ArchiveAkte> LoadAsync(RecordsDbContext db, Akte akte, IReadOnlySet<Guid>? vorgangIds, CancellationToken cancellationToken)
    {
        var position = await db.AktenplanPositionen.AsNoTracking().SingleAsync(p => p.Id == akte.PositionId, cancellationToken).ConfigureAwait(false);
        var vorgaenge = await db.Vorgaenge.AsNoTracking().Where(v => v.AkteId == akte.Id && v.State != RecordState.Disposed)
            .OrderBy(v => v.Number).ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ArchiveVorgang>();
        foreach (var vorgang in vorgaenge.Where(v => vorgangIds is null || vorgangIds.Contains(v.Id)))
        {
            var dokumente = (await db.Dokumente.AsNoTracking().Where(d => d.VorgangId == vorgang.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
                .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToList();
            var ids = dokumente.Select(d => d.Id).ToList();
            var versions = (await db.DokumentVersionen.AsNoTracking().Where(v => ids.Contains(v.DokumentId)).ToListAsync(cancellationToken).ConfigureAwait(false))
                .ToLookup(v => v.DokumentId);
            result.Add(new ArchiveVorgang(vorgang, dokumente
                .Where(d => versions[d.Id].Any())
                .Select(d => new ArchiveDokument(d, versions[d.Id].OrderBy(v => v.Number).ToList())).ToList()));
        }

        return new ArchiveAkte(akte, position, result);
    }

    /// <summary>Writes the message and the primary files into a zip; entry times are the message's time, so equal input gives equal entries.</summary>
    public static void WriteZip(string path, string xmlName, XDocument document, IReadOnlyList<DokumentVersion> versions, Blobs.BlobStore blobs, DateTimeOffset now)
    {
        var stamp = new DateTimeOffset(DateTime.SpecifyKind(now.UtcDateTime, DateTimeKind.Unspecified), TimeSpan.Zero);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            var xml = zip.CreateEntry(xmlName, CompressionLevel.Optimal);
            xml.LastWriteTime = stamp;
            using (var stream = xml.Open())
            {
                document.Save(stream, SaveOptions.None);
            }

            foreach (var version in versions)
            {
                var entry = zip.CreateEntry(XdomeaMessages.PrimaryFileName(version), CompressionLevel.Optimal);
                entry.LastWriteTime = stamp;
                using var target = entry.Open();
                using var content = blobs.Open(version.ContentHash);
                content.CopyTo(target);
            }
        }

        file.Flush(flushToDisk: true);
    }
}
