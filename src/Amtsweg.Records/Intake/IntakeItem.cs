using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amtsweg.Records.Intake;

/// <summary>Where an item of the Posteingang came from.</summary>
public enum IntakeSource
{
    /// <summary>Uploaded through the Posteingang page.</summary>
    Upload,

    /// <summary>Posted to the REST API.</summary>
    Api,

    /// <summary>Imported with <c>amtsweg import</c>.</summary>
    Import,

    /// <summary>Taken from an e-mail (its body or one of its attachments).</summary>
    Email,
}

/// <summary>The way of an item through the Posteingang.</summary>
public enum IntakeStatus
{
    /// <summary>Accepted and stored; waits for processing.</summary>
    Received,

    /// <summary>Virus scan, text extraction or OCR are running.</summary>
    Processing,

    /// <summary>Processed; waits for a clerk to file it (a Vorgang may be proposed).</summary>
    WaitingForFiling,

    /// <summary>Filed as a Dokument in a Vorgang.</summary>
    Filed,

    /// <summary>Processing failed; <see cref="IntakeItem.Message"/> says why. Nothing was filed.</summary>
    Failed,

    /// <summary>
    /// A program the server needs is missing (<see cref="IntakeItem.Message"/> names it); the worker takes the item up
    /// again once every program is there. Never the file's fault, so never refused for it.
    /// </summary>
    WaitingForSetup,
}

/// <summary>
/// One incoming document of the Posteingang: a scan, a PDF, an Office file, an e-mail or one of its attachments.
/// Its content is in the blob store from the moment the item exists; processing adds the text, the scan record
/// (Transfervermerk) and a proposed Vorgang; filing creates the Dokument.
/// </summary>
public sealed class IntakeItem : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The e-mail this item was taken from, if any.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>The file name as sent, without folders and control characters.</summary>
    public required string FileName { get; set; }

    /// <summary>The media type found in the content (not the one claimed by the sender).</summary>
    public required string ContentType { get; set; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>SHA-256 of the content at capture, lower-case hex: also its blob address.</summary>
    public required string ContentHash { get; set; }

    /// <summary>Where it came from.</summary>
    public IntakeSource Source { get; set; }

    /// <summary>
    /// For <c>amtsweg import</c>: the full path of the imported file; with <see cref="ContentHash"/> it tells a later
    /// import of the same folder what was taken already.
    /// </summary>
    public string? SourcePath { get; set; }

    /// <summary>Who delivered it (user name or system name).</summary>
    public required string ReceivedBy { get; set; }

    /// <summary>When it arrived (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Where it is on its way.</summary>
    public IntakeStatus Status { get; set; }

    /// <summary>Processing progress in percent.</summary>
    public int Progress { get; set; }

    /// <summary>A German message for people: why processing failed, or why filing into the requested Vorgang did not happen.</summary>
    public string? Message { get; set; }

    /// <summary>The Vorgang the sender asked to file into; filed there right after processing.</summary>
    public Guid? TargetVorgangId { get; set; }

    /// <summary>The Vorgang proposed from an Aktenzeichen found in the text.</summary>
    public Guid? ProposedVorgangId { get; set; }

    /// <summary>The Aktenzeichen of the proposed Vorgang.</summary>
    public string? ProposedAktenzeichen { get; set; }

    /// <summary>The title the document gets (the e-mail subject, else the file name).</summary>
    public required string Title { get; set; }

    /// <summary>Sender of an e-mail.</summary>
    public string? Sender { get; set; }

    /// <summary>Recipients of an e-mail.</summary>
    public string? Recipient { get; set; }

    /// <summary>Date of an e-mail (UTC).</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The document type the sender gave (e.g. <c>Antrag</c>); none: derived from the kind of file.</summary>
    public string? DokumentType { get; set; }

    /// <summary>The date the document bears, as the sender gave it; none: the day it arrived (or was sent).</summary>
    public DateOnly? DokumentDate { get; set; }

    /// <summary>How confidential the sender marked it; none: internal, unless the filing says otherwise.</summary>
    public Confidentiality? Confidentiality { get; set; }

    /// <summary>The text found by extraction or OCR (at most <see cref="DocumentText.MaxChars"/> characters).</summary>
    public string? Text { get; set; }

    /// <summary>The scan record (Transfervermerk) as canonical JSON; see <see cref="Transfervermerk"/>.</summary>
    public string? Transfervermerk { get; set; }

    /// <summary>
    /// A rendition filed as version 2 next to the original (version 1, <see cref="ContentHash"/>): for an e-mail
    /// its body as text, for a scan the searchable PDF/A made by OCRmyPDF.
    /// </summary>
    public string? FilingContentHash { get; set; }

    /// <summary>Media type of <see cref="FilingContentHash"/>.</summary>
    public string? FilingContentType { get; set; }

    /// <summary>Size of <see cref="FilingContentHash"/>.</summary>
    public long? FilingSize { get; set; }

    /// <summary>The claim of the processor working on the item; a new claim replaces it.</summary>
    public Guid? ClaimToken { get; set; }

    /// <summary>Until when a processor holds the item; a crashed processor's item is taken up again after it.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>The Dokument created by filing.</summary>
    public Guid? FiledDokumentId { get; set; }

    /// <summary>The Vorgang it was filed into.</summary>
    public Guid? FiledVorgangId { get; set; }

    /// <summary>Who filed it.</summary>
    public string? FiledBy { get; set; }

    /// <summary>When it was filed (UTC).</summary>
    public DateTimeOffset? FiledAt { get; set; }
}

/// <summary>The audited actions of the Posteingang.</summary>
public static class IntakeAuditActions
{
    /// <summary>
    /// An item arrived in the Posteingang; the details carry the capture part of its Transfervermerk (source, file,
    /// media type, size, SHA-256), the entry's actor and time say who delivered it and when.
    /// </summary>
    public const string Received = "posteingang-item-received";

    /// <summary>An item of the Posteingang was filed as a Dokument; the details carry its Transfervermerk.</summary>
    public const string Filed = "posteingang-item-filed";

    /// <summary>An item of the Posteingang was deleted under Art. 17 DSGVO; the details carry no personal data.</summary>
    public const string Erased = "posteingang-item-erased";
}

internal sealed class IntakeItemConfiguration : IEntityTypeConfiguration<IntakeItem>
{
    public void Configure(EntityTypeBuilder<IntakeItem> item)
    {
        item.ToTable("IntakeItems");
        item.HasKey(i => i.Id);
        item.Property(i => i.Id).ValueGeneratedNever();
        item.Property(i => i.FileName).HasMaxLength(260);
        item.Property(i => i.ContentType).HasMaxLength(200);
        item.Property(i => i.ContentHash).HasMaxLength(64).IsFixedLength();
        item.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
        item.Property(i => i.ReceivedBy).HasMaxLength(200);
        item.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        item.Property(i => i.Message).HasMaxLength(2000);
        item.Property(i => i.ProposedAktenzeichen).HasMaxLength(120);
        item.Property(i => i.Title).HasMaxLength(500);
        item.Property(i => i.Sender).HasMaxLength(300);
        item.Property(i => i.Recipient).HasMaxLength(300);
        item.Property(i => i.DokumentType).HasMaxLength(100);
        item.Property(i => i.Confidentiality).HasConversion<string>().HasMaxLength(30);
        item.Property(i => i.Text).HasMaxLength(DocumentText.MaxChars);
        item.Property(i => i.Transfervermerk).HasMaxLength(20_000);
        item.Property(i => i.FiledBy).HasMaxLength(200);
        item.Property(i => i.FilingContentHash).HasMaxLength(64).IsFixedLength();
        item.Property(i => i.FilingContentType).HasMaxLength(200);
        item.Property(i => i.SourcePath).HasMaxLength(1000);

        // Filing and processing change the status only from the value they read: a second clerk filing the same
        // item at the same time fails instead of filing it twice.
        item.Property(i => i.Status).IsConcurrencyToken();
        item.HasIndex(i => new { i.TenantId, i.Status });
        item.HasIndex(i => i.Status);
        item.HasIndex(i => i.ParentId);

        // The blob reference check (ADR 0019) asks for a hash across all municipalities.
        item.HasIndex(i => i.ContentHash);
        item.HasIndex(i => i.FilingContentHash);
        item.HasOne<IntakeItem>().WithMany().HasForeignKey(i => i.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
