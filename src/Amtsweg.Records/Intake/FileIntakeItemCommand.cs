using Amtsweg.Data;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Intake;

/// <summary>
/// Files an item of the Posteingang as a new Dokument into an open Vorgang: with its extracted or recognised text in
/// the search index and its Transfervermerk in the audit entry. The attachments of an e-mail go with it: those
/// already processed are filed as Dokumente of their own, the others are filed there once processed.
/// </summary>
/// <param name="ItemId">The item (status <see cref="IntakeStatus.WaitingForFiling"/>).</param>
/// <param name="VorgangId">The Vorgang.</param>
/// <param name="Confidentiality">How confidential the Dokumente are (default: as the sender marked the item, else internal).</param>
/// <returns>The current version of each Dokument filed.</returns>
public sealed record FileIntakeItemCommand(Guid ItemId, Guid VorgangId, Confidentiality? Confidentiality = null) : RecordsCommand<IReadOnlyList<DokumentVersion>>
{
    /// <summary>The processor's claim: it files an item with a target Vorgang before anyone sees it waiting.</summary>
    internal Guid? Claim { get; init; }

    internal override async Task<IReadOnlyList<DokumentVersion>> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        if (Confidentiality is { } confidentiality)
        {
            Validation.Defined(confidentiality);
        }

        var item = await context.Db.IntakeItems.SingleOrDefaultAsync(i => i.Id == ItemId, cancellationToken).ConfigureAwait(false)
            ?? throw RecordsErrors.NotFoundError("Der Eintrag im Posteingang", ItemId);
        await IntakeRestrictions.EnsureNotRestrictedAsync(context.Db, item.Id, cancellationToken).ConfigureAwait(false);
        if (!(Claim is { } claim && item.Status == IntakeStatus.Processing && item.ClaimToken == claim))
        {
            EnsureWaiting(item);
        }

        var vorgang = await context.LockOpenVorgangAsync(VorgangId, cancellationToken).ConfigureAwait(false);
        var versions = new List<DokumentVersion> { await FileAsync(context, item, vorgang, cancellationToken).ConfigureAwait(false) };
        var children = await context.Db.IntakeItems.Where(i => i.ParentId == item.Id).OrderBy(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var child in children)
        {
            switch (child.Status)
            {
                case IntakeStatus.WaitingForFiling:
                    versions.Add(await FileAsync(context, child, vorgang, cancellationToken).ConfigureAwait(false));
                    break;
                case IntakeStatus.Received or IntakeStatus.Processing:
                    child.TargetVorgangId = vorgang.Id;
                    break;
                case IntakeStatus.Filed or IntakeStatus.Failed:
                    break;
            }
        }

        return versions;
    }

    private static void EnsureWaiting(IntakeItem item)
    {
        switch (item.Status)
        {
            case IntakeStatus.WaitingForFiling:
                return;
            case IntakeStatus.Filed:
                throw IntakeErrors.Error(IntakeErrors.NotWaiting, $"„{item.FileName}“ ist bereits abgelegt.");
            case IntakeStatus.Failed:
                throw IntakeErrors.Error(IntakeErrors.NotWaiting, $"„{item.FileName}“ wurde abgewiesen und kann nicht abgelegt werden: {item.Message}");
            case IntakeStatus.Received or IntakeStatus.Processing:
                throw IntakeErrors.Error(IntakeErrors.NotWaiting, $"„{item.FileName}“ wird noch verarbeitet ({item.Progress} %). Bitte warten Sie, bis die Verarbeitung abgeschlossen ist.");
        }
    }

    // A rendition (the text of an e-mail, the searchable PDF/A of a scan) is filed as version 2 on top of the
    // original as captured, version 1, whose hash the Transfervermerk names: the evidence stays in the file.
    private async Task<DokumentVersion> FileAsync(RecordsCommandContext context, IntakeItem item, Vorgang vorgang, CancellationToken cancellationToken)
    {
        var hasRendition = item.FilingContentHash is not null;
        var dokument = new Dokument { Id = context.NewId(), TenantId = context.TenantId, VorgangId = vorgang.Id, CreatedAt = context.Now, CurrentVersion = hasRendition ? 2 : 1 };
        context.Db.Dokumente.Add(dokument);
        context.Audit(Audit.AuditActions.DokumentAdded, nameof(Dokument), dokument.Id, ("vorgang", vorgang.Aktenzeichen));
        var original = new DokumentMetadata(
            item.Title,
            item.DokumentDate ?? BerlinTime.Date(item.SentAt ?? item.ReceivedAt),
            item.DokumentType ?? DokumentTypeOf(item),
            item.Sender,
            item.Recipient,
            Confidentiality ?? item.Confidentiality ?? Model.Confidentiality.Internal,
            item.FileName,
            item.ContentType);
        DokumentVersionWriter.Validate(original);
        var version = DokumentVersionWriter.Add(context, dokument, 1, original, new BlobReference(item.ContentHash, item.Size));
        if (hasRendition)
        {
            var type = item.FilingContentType ?? "application/octet-stream";
            var name = Path.GetFileNameWithoutExtension(item.FileName) + (type == IntakeType.Pdf.ContentType ? " (PDF-A).pdf" : ".txt");
            version = DokumentVersionWriter.Add(context, dokument, 2, original with { FileName = name, MediaType = type }, new BlobReference(item.FilingContentHash!, item.FilingSize ?? 0));
        }

        await DokumentVersionWriter.IndexAsync(context, vorgang, dokument, version, item.Text, cancellationToken).ConfigureAwait(false);
        await SearchIndexer.RemoveIntakeItemAsync(context.Db, item.Id, cancellationToken).ConfigureAwait(false);
        context.Audit(IntakeAuditActions.Filed, nameof(IntakeItem), item.Id,
            ("dokument", dokument.Id.ToString("D")),
            ("vorgang", vorgang.Aktenzeichen),
            ("contentHash", item.ContentHash),
            ("transfervermerk", item.Transfervermerk));
        item.Status = IntakeStatus.Filed;
        item.Message = null;
        item.Progress = 100;
        item.ClaimToken = null;
        item.ClaimedUntil = null;
        item.FiledDokumentId = dokument.Id;
        item.FiledVorgangId = vorgang.Id;
        item.FiledBy = context.Actor;
        item.FiledAt = context.Now;
        return version;
    }

    private static string DokumentTypeOf(IntakeItem item) => item.ContentType switch
    {
        "message/rfc822" => "E-Mail",
        _ when item.ParentId is not null => "E-Mail-Anhang",
        "image/png" or "image/jpeg" or "image/tiff" => "Scan",
        _ => "Eingang",
    };

}
