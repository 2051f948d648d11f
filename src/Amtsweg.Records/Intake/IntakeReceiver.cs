using System.Globalization;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Intake;

/// <summary>How a file arrives.</summary>
/// <param name="FileName">The name as sent (sanitized here).</param>
/// <param name="Source">Upload, API, import or e-mail.</param>
/// <param name="ReceivedBy">Who delivers it.</param>
/// <param name="TargetVorgangId">A Vorgang to file into right after processing.</param>
/// <param name="Metadata">What the sender says about the document; filed with it.</param>
/// <param name="ProcessAtOnce">
/// The caller processes the item itself right after receiving it (<see cref="IntakeWorker.ProcessClaimedAsync"/>)
/// when that is quick, i.e. needs no OCR and is no e-mail: such an item is stored already claimed, so the background
/// service does not take it. Other items are left to the background as usual.
/// </param>
/// <param name="SourcePath">For <c>amtsweg import</c>: the full path of the file, remembered so a later import can skip it.</param>
public sealed record IntakeDelivery(string FileName, IntakeSource Source, string ReceivedBy, Guid? TargetVorgangId = null, IntakeMetadata? Metadata = null, bool ProcessAtOnce = false, string? SourcePath = null);

/// <summary>What the sender says about a document, all optional; a clerk adding a document to a Vorgang gives it.</summary>
/// <param name="Title">Title; default: the file name without extension (for e-mails the subject).</param>
/// <param name="DokumentType">Type, e.g. <c>Antrag</c>; default: derived from the kind of file.</param>
/// <param name="DokumentDate">The date the document bears; default: the day it arrived.</param>
/// <param name="Sender">Absender.</param>
/// <param name="Recipient">Empfänger.</param>
/// <param name="Confidentiality">How confidential it is; default: internal.</param>
public sealed record IntakeMetadata(string? Title = null, string? DokumentType = null, DateOnly? DokumentDate = null, string? Sender = null, string? Recipient = null, Confidentiality? Confidentiality = null)
{
    /// <summary>Trimmed, blanks as none; throws <see cref="RecordsException"/> when a value is too long or undefined.</summary>
    internal IntakeMetadata Validated()
    {
        if (Confidentiality is { } confidentiality)
        {
            Validation.Defined(confidentiality);
        }

        return this with
        {
            Title = Validation.OptionalText(Title, "Der Titel des Dokuments", 500),
            DokumentType = Validation.OptionalText(DokumentType, "Die Dokumentart", 100),
            Sender = Validation.OptionalText(Sender, "Der Absender", 300),
            Recipient = Validation.OptionalText(Recipient, "Der Empfänger", 300),
        };
    }
}

/// <summary>
/// Takes a file into the Posteingang: streams it into a temporary file (refusing it beyond
/// <see cref="RecordsOptions.MaxUploadBytes"/> without reading further), inspects it (<see cref="IntakeInspector"/>),
/// and only then stores the content in the blob store and commits the item. A refused file leaves nothing behind.
/// </summary>
public sealed class IntakeReceiver(
    RecordsDbContext db,
    TenantContext tenant,
    BlobStore blobs,
    TimeProvider clock,
    IntakeSignal signal,
    IOptions<RecordsOptions> records,
    IOptions<IntakeOptions> options)
{
    private const int BufferSize = 81920;

    /// <summary>Receives one file; returns the new item (status <see cref="IntakeStatus.Received"/>).</summary>
    public async Task<IntakeItem> ReceiveAsync(Stream content, IntakeDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(delivery);
        var tenantId = TenantId();
        if (string.IsNullOrWhiteSpace(delivery.ReceivedBy) || delivery.ReceivedBy.Length > 200)
        {
            throw RecordsErrors.InvalidError("Es fehlt, wer die Datei einliefert (höchstens 200 Zeichen).");
        }

        var fileName = IntakeFileName.Sanitize(delivery.FileName);
        delivery = delivery with { Metadata = delivery.Metadata?.Validated() };
        if (delivery.TargetVorgangId is { } target)
        {
            var vorgang = await db.Vorgaenge.AsNoTracking().FirstOrDefaultAsync(v => v.Id == target, cancellationToken).ConfigureAwait(false)
                ?? throw RecordsErrors.NotFoundError("Der Vorgang", target);
            RecordsCommandContext.EnsureOpen(vorgang);
        }

        var staged = await StageAsync(content, cancellationToken).ConfigureAwait(false);
        try
        {
            var type = await IntakeInspector.InspectAsync(staged, fileName, options.Value, cancellationToken).ConfigureAwait(false);
            var item = NewItem(tenantId, fileName, type, delivery);
            if (delivery.ProcessAtOnce && IsQuick(staged, type))
            {
                var now = clock.GetUtcNow();
                item.Status = IntakeStatus.Processing;
                item.Progress = 1;
                item.ClaimToken = Guid.CreateVersion7(now);
                item.ClaimedUntil = now + options.Value.ClaimDuration;
            }

            await StoreAsync(item, staged, cancellationToken).ConfigureAwait(false);
            return item;
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>
    /// True when the municipality's Posteingang already holds an item delivered from <paramref name="sourcePath"/>
    /// (for a mailbox: the message's key), whatever became of it since: a reader that stopped between storing and
    /// moving the message does not take it twice.
    /// </summary>
    public Task<bool> HasSourceAsync(string sourcePath, CancellationToken cancellationToken)
    {
        _ = TenantId();
        return db.IntakeItems.AsNoTracking().AnyAsync(i => i.SourcePath == sourcePath && i.ParentId == null, cancellationToken);
    }

    // Processing is quick unless it means OCR (images, PDFs without text layer) or an e-mail with attachments of any kind.
    private static bool IsQuick(string path, IntakeType type) => type.Kind switch
    {
        IntakeKind.Text or IntakeKind.Office => true,
        IntakeKind.Pdf => DocumentText.HasTextLayer(path),
        IntakeKind.Image or IntakeKind.Email => false,
    };

    /// <summary>Streams <paramref name="content"/> into a temporary file under the blob folder, at most the upload limit.</summary>
    internal async Task<string> StageAsync(Stream content, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(blobs.Root, "tmp");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "intake-" + Guid.NewGuid().ToString("N") + ".part");
        var max = records.Value.MaxUploadBytes;
        try
        {
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[BufferSize];
                long length = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > max)
                    {
                        throw TooLarge(max);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            return path;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The refusal of content above the limit.</summary>
    public static RecordsException TooLarge(long maxBytes) =>
        new(RecordsErrors.UploadTooLarge, string.Create(IntakeErrors.German, $"Die Datei ist größer als die erlaubten {maxBytes / (1024.0 * 1024.0):0.#} MB. Bitte teilen Sie sie auf oder scannen Sie mit geringerer Auflösung."));

    internal IntakeItem NewItem(Guid tenantId, string fileName, IntakeType type, IntakeDelivery delivery, Guid? parentId = null)
    {
        var now = Audit.AuditHash.ToStoredPrecision(clock.GetUtcNow());
        var metadata = delivery.Metadata ?? new IntakeMetadata();
        return new IntakeItem
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            ParentId = parentId,
            FileName = fileName,
            ContentType = type.ContentType,
            ContentHash = "",
            Source = delivery.Source,
            SourcePath = delivery.SourcePath is { Length: > 1000 } path ? path[^1000..] : delivery.SourcePath,
            ReceivedBy = delivery.ReceivedBy.Trim(),
            ReceivedAt = now,
            Status = IntakeStatus.Received,
            TargetVorgangId = delivery.TargetVorgangId,
            Title = metadata.Title ?? (Path.GetFileNameWithoutExtension(fileName) is { Length: > 0 } title ? title : fileName),
            DokumentType = metadata.DokumentType,
            DokumentDate = metadata.DokumentDate,
            Sender = metadata.Sender,
            Recipient = metadata.Recipient,
            Confidentiality = metadata.Confidentiality,
        };
    }

    /// <summary>Stores the staged content in the blob store (fsynced), then commits the item.</summary>
    internal async Task StoreAsync(IntakeItem item, string staged, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(staged);
        await using (file.ConfigureAwait(false))
        {
            var blob = await blobs.StoreAsync(file, cancellationToken).ConfigureAwait(false);
            item.ContentHash = blob.Hash;
            item.Size = blob.Length;
        }

        db.IntakeItems.Add(item);
        if (db.Database.CurrentTransaction is not null)
        {
            await SaveReceivedAsync(item, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await SaveReceivedAsync(item, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (item.Status == IntakeStatus.Received)
        {
            signal.Notify();
        }
    }

    // The audit trail of an item starts at receipt: the capture part of its Transfervermerk (who, when, from where,
    // which file, its hash) enters the hash chain in the transaction that stores the item. Processing adds the checks;
    // the whole Transfervermerk goes into the entry of the filing.
    private async Task SaveReceivedAsync(IntakeItem item, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var details = AuditHash.CanonicalDetails(
        [
            KeyValuePair.Create("quelle", (string?)Transfervermerk.SourceName(item.Source)),
            KeyValuePair.Create("datei", (string?)item.FileName),
            KeyValuePair.Create("medientyp", (string?)item.ContentType),
            KeyValuePair.Create("groesse", (string?)item.Size.ToString(CultureInfo.InvariantCulture)),
            KeyValuePair.Create("sha256", (string?)item.ContentHash),
        ]);
        PendingAuditEntry[] received = [new(IntakeAuditActions.Received, nameof(IntakeItem), item.Id, details)];
        await AuditChain.AppendAsync(db, item.TenantId, item.ReceivedBy, item.ReceivedAt, received, cancellationToken).ConfigureAwait(false);
        await BlobReferences.EnsureStoredAsync(db, blobs, cancellationToken).ConfigureAwait(false);
    }

    private Guid TenantId() => tenant.TenantId
        ?? throw new RecordsException(RecordsErrors.TenantMissing, "Für den Posteingang ist keine Gemeinde (Mandant) gewählt.");
}
