using Amtsweg.Data.Tenancy;

namespace Amtsweg.Records.Model;

/// <summary>
/// What remains of a deleted record (Löschnachweis): which record it was, where it was filed, when, its hashes, and
/// why, when and on what legal basis it was deleted. It holds no content and no personal data: the caller gives a
/// neutral <see cref="Title"/> (for a document version its document type, for a Vorgang or Akte its subject as
/// offered to the archive). Written in the same transaction that deletes the record, together with an audit entry;
/// insert-only. The DbContext deletes a document version or a note only together with its tombstone.
/// </summary>
public sealed class Loeschnachweis : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The kind of record deleted, see <see cref="LoeschnachweisSubjects"/>.</summary>
    public required string SubjectType { get; set; }

    /// <summary>The id the record had.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>The Akte it was filed in (for an Akte: itself).</summary>
    public Guid? AkteId { get; set; }

    /// <summary>The Vorgang it was filed in (for a Vorgang: itself), if any.</summary>
    public Guid? VorgangId { get; set; }

    /// <summary>The document, for a document version.</summary>
    public Guid? DokumentId { get; set; }

    /// <summary>The version number, for a document version.</summary>
    public int? VersionNumber { get; set; }

    /// <summary>The Aktenzeichen of the record or of the Vorgang it was filed in.</summary>
    public string? Aktenzeichen { get; set; }

    /// <summary>A neutral description without personal data, e.g. the document type <c>Antrag</c>.</summary>
    public required string Title { get; set; }

    /// <summary>When the record was created (UTC).</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When it was closed (zdA), for an Akte or a Vorgang.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The date a document bore.</summary>
    public DateOnly? DokumentDate { get; set; }

    /// <summary>SHA-256 of the deleted content (lower-case hex), for a document version.</summary>
    public string? ContentHash { get; set; }

    /// <summary>Size of the deleted content in bytes.</summary>
    public long? ContentLength { get; set; }

    /// <summary>
    /// The fingerprint of the deleted row (<see cref="Audit.Fingerprint"/>) as it was recorded when it was filed,
    /// so the audit verifier can still prove the row was not changed before it was deleted.
    /// </summary>
    public string? Fingerprint { get; set; }

    /// <summary>Why it was deleted.</summary>
    public DeletionReason Reason { get; set; }

    /// <summary>The legal basis, e.g. <c>§ 7 ArchG</c> or <c>Art. 17 Abs. 1 DSGVO</c>.</summary>
    public required string LegalBasis { get; set; }

    /// <summary>What the decision refers to, e.g. the xdomea process id of the Aussonderung or a request number.</summary>
    public string? DecisionReference { get; set; }

    /// <summary>Who deleted.</summary>
    public required string DeletedBy { get; set; }

    /// <summary>When it was deleted (UTC).</summary>
    public DateTimeOffset DeletedAt { get; set; }
}

/// <summary>Why a record was deleted.</summary>
public enum DeletionReason
{
    /// <summary>Handed to the archive, which confirmed the import (xdomea 0506); the authority's copy is deleted.</summary>
    Archived,

    /// <summary>Not worth archiving (xdomea appraisal "V"): destroyed after the retention period.</summary>
    Destroyed,

    /// <summary>Erased on request of the person concerned (Art. 17 DSGVO).</summary>
    Erased,
}

/// <summary>The <see cref="Loeschnachweis.SubjectType"/> values.</summary>
public static class LoeschnachweisSubjects
{
    /// <summary>An Akte.</summary>
    public const string Akte = nameof(Model.Akte);

    /// <summary>A Vorgang.</summary>
    public const string Vorgang = nameof(Model.Vorgang);

    /// <summary>A document version.</summary>
    public const string DokumentVersion = nameof(Model.DokumentVersion);

    /// <summary>A note (Vermerk).</summary>
    public const string Vermerk = "Vermerk";
}
