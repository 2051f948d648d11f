using System.Text;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Intake;

/// <summary>
/// Processes one claimed item of the current tenant: virus scan (when configured), integrity check, text from the
/// PDF's text layer, OCR for images and image-only PDFs, text of Office files, body and attachments of e-mails;
/// then the Transfervermerk and a Vorgang proposed from an Aktenzeichen in the text. An item with a target Vorgang
/// is filed there right away. A refusal marks the item failed with a German reason; nothing is filed then.
/// </summary>
public sealed class IntakeProcessor(
    RecordsDbContext db,
    BlobStore blobs,
    TimeProvider clock,
    VirusScanner scanner,
    OcrEngine ocr,
    AktenzeichenRecognizer recognizer,
    IntakeReceiver receiver,
    RecordsCommandExecutor executor,
    IOptions<IntakeOptions> options)
{
    private readonly SemaphoreSlim _progressLock = new(1, 1);

    /// <summary>Processes the item; returns its final status.</summary>
    public async Task<IntakeStatus> ProcessAsync(Guid itemId, CancellationToken cancellationToken)
    {
        var item = await db.IntakeItems.SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken).ConfigureAwait(false)
            ?? throw RecordsErrors.NotFoundError("Der Eintrag im Posteingang", itemId);
        var checks = new List<TransferCheck>();
        try
        {
            await ExtractAsync(item, checks, cancellationToken).ConfigureAwait(false);
            if (item.Text is { Length: > 0 } text)
            {
                var proposal = (await recognizer.ProposeAsync(text, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.State == RecordState.Open);
                item.ProposedVorgangId = proposal?.VorgangId;
                item.ProposedAktenzeichen = proposal?.Aktenzeichen;
            }

            // With a target the item stays claimed until it is filed, so nobody sees it waiting in between.
            var claim = item.ClaimToken;
            Finish(item, item.TargetVorgangId is null ? IntakeStatus.WaitingForFiling : IntakeStatus.Processing, null, checks);
            if (item.TargetVorgangId is not { } target)
            {
                await SearchIndexer.IndexIntakeItemAsync(db, item, cancellationToken).ConfigureAwait(false);
                await BlobReferences.SaveChangesAsync(db, blobs, cancellationToken).ConfigureAwait(false);
                return IntakeStatus.WaitingForFiling;
            }

            await BlobReferences.SaveChangesAsync(db, blobs, cancellationToken).ConfigureAwait(false);

            try
            {
                await executor.ExecuteAsync(new FileIntakeItemCommand(itemId, target) { Claim = claim }, item.ReceivedBy, cancellationToken).ConfigureAwait(false);
                return IntakeStatus.Filed;
            }
            catch (RecordsException error)
            {
                await db.IntakeItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, IntakeStatus.WaitingForFiling)
                    .SetProperty(i => i.ClaimToken, (Guid?)null)
                    .SetProperty(i => i.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(i => i.Message, "Die Ablage in den gewünschten Vorgang war nicht möglich: " + error.Message), cancellationToken).ConfigureAwait(false);
                await SearchIndexer.IndexIntakeItemAsync(db, item, cancellationToken).ConfigureAwait(false);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return IntakeStatus.WaitingForFiling;
            }
        }
        catch (RecordsException error) when (error.Code == IntakeErrors.ProgramMissing)
        {
            Finish(item, IntakeStatus.WaitingForSetup, error.Message, checks);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return IntakeStatus.WaitingForSetup;
        }
        catch (RecordsException error)
        {
            Finish(item, IntakeStatus.Failed, error.Message, checks);
            await BlobReferences.SaveChangesAsync(db, blobs, cancellationToken).ConfigureAwait(false);
            return IntakeStatus.Failed;
        }
    }

    private async Task ExtractAsync(IntakeItem item, List<TransferCheck> checks, CancellationToken cancellationToken)
    {
        var type = IntakeType.ForContentType(item.ContentType) ?? throw IntakeErrors.Error(IntakeErrors.UnsupportedType, $"„{item.FileName}“: Der Medientyp {item.ContentType} wird nicht verarbeitet.");
        var path = blobs.PathOf(item.ContentHash);
        checks.Add(new TransferCheck("Dateityp", $"am Inhalt erkannt: {type.ContentType}, passt zum Dateinamen"));
        if (!await blobs.IsIntactAsync(item.ContentHash, item.Size, cancellationToken).ConfigureAwait(false))
        {
            throw new RecordsException(RecordsErrors.BlobCorrupt, $"„{item.FileName}“: Der gespeicherte Inhalt stimmt nicht mehr mit dem Hashwert bei der Erfassung überein.");
        }

        checks.Add(new TransferCheck("Integrität", "SHA-256 des gespeicherten Inhalts stimmt mit dem Wert bei der Erfassung überein"));
        await SetProgressAsync(item, 10, cancellationToken).ConfigureAwait(false);
        if (scanner.IsConfigured)
        {
            var scan = await scanner.ScanAsync(path, cancellationToken).ConfigureAwait(false);
            if (!scan.Clean)
            {
                checks.Add(new TransferCheck("Virenprüfung", $"{scan.Scanner}: Befund {scan.Finding}"));
                throw new RecordsException(RecordsErrors.Invalid, $"„{item.FileName}“: Die Virenprüfung hat Schadsoftware gefunden ({scan.Finding}). Die Datei wird nicht abgelegt.");
            }

            checks.Add(new TransferCheck("Virenprüfung", $"{scan.Scanner}: ohne Befund"));
        }
        else
        {
            checks.Add(new TransferCheck("Virenprüfung", "nicht eingerichtet"));
        }

        await SetProgressAsync(item, 20, cancellationToken).ConfigureAwait(false);
        switch (type.Kind)
        {
            case IntakeKind.Pdf:
                await PdfAsync(item, path, checks, cancellationToken).ConfigureAwait(false);
                break;
            case IntakeKind.Image:
                var pages = ImageHeader.ReadSizes(path, type, options.Value.MaxOcrPages)?.Count ?? 1;
                if (!await SearchablePdfAsync(item, path, isImage: true, pages, checks, cancellationToken).ConfigureAwait(false))
                {
                    item.Text = await ocr.RecognizeImagesAsync([path], null, cancellationToken).ConfigureAwait(false);
                    checks.Add(new TransferCheck("Texterkennung", await ocr.DescribeAsync(cancellationToken).ConfigureAwait(false)));
                }

                break;
            case IntakeKind.Office:
                item.Text = OfficeText.Extract(path, type, item.FileName, options.Value);
                checks.Add(new TransferCheck("Text", "aus der Office-Datei gelesen (Entpackgrenzen eingehalten)"));
                break;
            case IntakeKind.Email:
                await EmailAsync(item, path, checks, cancellationToken).ConfigureAwait(false);
                break;
            case IntakeKind.Text:
                var file = File.OpenRead(path);
                await using (file.ConfigureAwait(false))
                {
                    item.Text = await DocumentText.ExtractAsync(file, "text/plain", cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task PdfAsync(IntakeItem item, string path, List<TransferCheck> checks, CancellationToken cancellationToken)
    {
        string? text;
        int pages;
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            (text, pages) = DocumentText.ReadPdf(file);
        }

        if (pages == 0)
        {
            throw IntakeErrors.Error(IntakeErrors.Corrupt, $"„{item.FileName}“: Die PDF-Datei ist beschädigt und kann nicht gelesen werden.");
        }

        if (DocumentText.IsTextLayer(text, pages))
        {
            item.Text = text;
            checks.Add(new TransferCheck("Text", $"Textebene der PDF-Datei gelesen ({pages} Seiten)"));
            return;
        }

        if (pages > options.Value.MaxOcrPages)
        {
            throw IntakeErrors.Error(IntakeErrors.ImageTooLarge, $"„{item.FileName}“ hat {pages} Seiten ohne Text; die Texterkennung liest höchstens {options.Value.MaxOcrPages}. Bitte teilen Sie den Scan auf.");
        }

        if (!await SearchablePdfAsync(item, path, isImage: false, pages, checks, cancellationToken).ConfigureAwait(false))
        {
            item.Text = await ocr.RecognizePdfAsync(path, pages, done => SetProgressAsync(item, 20 + (70 * done / pages), cancellationToken), cancellationToken).ConfigureAwait(false);
            checks.Add(new TransferCheck("Texterkennung", $"{await ocr.DescribeAsync(cancellationToken).ConfigureAwait(false)}, {pages} Seiten, {options.Value.OcrDpi} dpi"));
        }
    }

    // With OCRmyPDF a scan becomes a searchable PDF/A, filed as version 2 next to the original, and its text comes
    // from the same recognition. When OCRmyPDF fails, Tesseract alone reads the text and the original is filed.
    private async Task<bool> SearchablePdfAsync(IntakeItem item, string path, bool isImage, int pages, List<TransferCheck> checks, CancellationToken cancellationToken)
    {
        if (!ocr.MakesSearchablePdf)
        {
            return false;
        }

        var work = Path.Combine(blobs.Root, "tmp", "ocr-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            await SetProgressAsync(item, 30, cancellationToken).ConfigureAwait(false);
            var output = Path.Combine(work, "pdfa.pdf");
            var (text, failure) = await ocr.SearchablePdfAsync(path, isImage, pages, output, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                checks.Add(new TransferCheck("Durchsuchbares PDF/A", $"nicht erzeugt ({failure}); Text mit Tesseract allein erkannt, abgelegt wird das Original"));
                return false;
            }

            var rendition = File.OpenRead(output);
            await using (rendition.ConfigureAwait(false))
            {
                var blob = await blobs.StoreAsync(rendition, cancellationToken).ConfigureAwait(false);
                item.FilingContentHash = blob.Hash;
                item.FilingContentType = IntakeType.Pdf.ContentType;
                item.FilingSize = blob.Length;
            }

            item.Text = text;
            checks.Add(new TransferCheck("Texterkennung", $"{await ocr.DescribeSearchablePdfAsync(cancellationToken).ConfigureAwait(false)}, {pages} Seiten"));
            checks.Add(new TransferCheck("Durchsuchbares PDF/A", $"PDF/A-2b mit Textebene erzeugt (SHA-256 {item.FilingContentHash}), abgelegt als Version 2; das Original bleibt Version 1"));
            return true;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task EmailAsync(IntakeItem item, string path, List<TransferCheck> checks, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            using var message = await EmailIntake.LoadAsync(file, cancellationToken).ConfigureAwait(false);
            item.Title = Truncate(string.IsNullOrWhiteSpace(message.Subject) ? item.Title : message.Subject.Trim(), 500)!;
            item.Sender = Truncate(EmailIntake.Addresses(message.From), 300);
            item.Recipient = Truncate(EmailIntake.Addresses(message.To), 300);
            item.SentAt = message.Date == DateTimeOffset.MinValue ? null : Audit.AuditHash.ToStoredPrecision(message.Date.ToUniversalTime());
            item.Text = EmailIntake.BodyText(message);
            var body = await blobs.StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes(item.Text)), cancellationToken).ConfigureAwait(false);
            item.FilingContentHash = body.Hash;
            item.FilingContentType = "text/plain; charset=utf-8";
            item.FilingSize = body.Length;

            var attachments = EmailIntake.Attachments(message);
            var failed = 0;
            foreach (var attachment in attachments)
            {
                failed += await AttachmentAsync(item, attachment, cancellationToken).ConfigureAwait(false) ? 0 : 1;
            }

            checks.Add(new TransferCheck("E-Mail", $"Text der Nachricht gelesen; {attachments.Count} Anhänge als eigene Einträge übernommen{(failed > 0 ? $", davon {failed} abgewiesen" : "")}"));
        }
    }

    // An attachment becomes an item of its own (status received, or failed with the inspector's reason).
    private async Task<bool> AttachmentAsync(IntakeItem mail, EmailAttachment attachment, CancellationToken cancellationToken)
    {
        var delivery = new IntakeDelivery(attachment.FileName, IntakeSource.Email, mail.ReceivedBy, mail.TargetVorgangId);
        string fileName;
        try
        {
            fileName = IntakeFileName.Sanitize(attachment.FileName);
        }
        catch (RecordsException)
        {
            fileName = "anhang";
        }

        var pipe = Path.Combine(blobs.Root, "tmp", "mail-" + Guid.NewGuid().ToString("N") + ".part");
        Directory.CreateDirectory(Path.GetDirectoryName(pipe)!);
        try
        {
            var target = File.Create(pipe);
            await using (target.ConfigureAwait(false))
            {
                if (attachment.Part.Content is not null)
                {
                    await attachment.Part.Content.DecodeToAsync(target, cancellationToken).ConfigureAwait(false);
                }
            }

            var child = receiver.NewItem(mail.TenantId, fileName, IntakeType.Text, delivery with { FileName = fileName }, mail.Id);
            child.Sender = mail.Sender;
            child.Recipient = mail.Recipient;
            child.SentAt = mail.SentAt;
            try
            {
                child.ContentType = (await IntakeInspector.InspectAsync(pipe, fileName, options.Value, cancellationToken).ConfigureAwait(false)).ContentType;
            }
            catch (RecordsException error)
            {
                child.ContentType = "application/octet-stream";
                child.Status = IntakeStatus.Failed;
                child.Progress = 100;
                child.Message = error.Message;
            }

            await receiver.StoreAsync(child, pipe, cancellationToken).ConfigureAwait(false);
            return child.Status != IntakeStatus.Failed;
        }
        finally
        {
            File.Delete(pipe);
        }
    }

    private void Finish(IntakeItem item, IntakeStatus status, string? message, List<TransferCheck> checks)
    {
        var now = Audit.AuditHash.ToStoredPrecision(clock.GetUtcNow());
        item.Status = status;
        item.Message = message;
        item.Progress = status == IntakeStatus.Processing ? 95 : 100;
        if (status != IntakeStatus.Processing)
        {
            item.ClaimToken = null;
            item.ClaimedUntil = null;
        }

        item.Transfervermerk = new Transfervermerk(item.ReceivedBy, item.ReceivedAt, Transfervermerk.SourceName(item.Source), item.FileName, item.ContentType, item.Size, item.ContentHash, now, checks).ToJson();
    }

    private async Task SetProgressAsync(IntakeItem item, int percent, CancellationToken cancellationToken)
    {
        await _progressLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await db.IntakeItems.Where(i => i.Id == item.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Progress, percent), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _progressLock.Release();
        }
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
