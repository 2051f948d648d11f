using Amtsweg.Data.Tenancy;

namespace Amtsweg.Records.Audit;

/// <summary>
/// One entry of a tenant's audit trail. Entries are never changed or deleted; each carries the hash of its
/// predecessor, so that <see cref="AuditVerifier"/> finds any change, deletion or reordering.
/// </summary>
public sealed class AuditEntry : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>1, 2, 3, ... per tenant, without gaps.</summary>
    public long Sequence { get; set; }

    /// <summary>When (UTC, microsecond precision so that both providers store it exactly).</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Who acted.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, see <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>The kind of record acted on, e.g. <c>Vorgang</c>.</summary>
    public required string SubjectType { get; set; }

    /// <summary>The record acted on.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>Details as canonical JSON (sorted keys), hashed as stored.</summary>
    public required string Details { get; set; }

    /// <summary>The hash of the previous entry; 64 zeros for the first.</summary>
    public required string PreviousHash { get; set; }

    /// <summary>SHA-256 (lower-case hex) over the canonical form of this entry, which includes <see cref="PreviousHash"/>.</summary>
    public required string Hash { get; set; }
}

/// <summary>The end of a tenant's audit chain: the last sequence number and hash. Locked by every append.</summary>
public sealed class AuditChainHead : ITenantOwned
{
    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The sequence number of the last entry.</summary>
    public long LastSequence { get; set; }

    /// <summary>The hash of the last entry.</summary>
    public required string LastHash { get; set; }
}

/// <summary>The audited actions.</summary>
public static class AuditActions
{
    /// <summary>An Aktenplan position was created.</summary>
    public const string PositionCreated = "aktenplan-position-created";

    /// <summary>An Aktenplan was read in from an xdomea message (Aktenplan.Aktenplan.0301).</summary>
    public const string AktenplanImported = "aktenplan-imported";

    /// <summary>Retention period or disposal rule of a position changed.</summary>
    public const string RetentionChanged = "retention-changed";

    /// <summary>An Akte was created.</summary>
    public const string AkteCreated = "akte-created";

    /// <summary>An Akte was closed (zdA).</summary>
    public const string AkteClosed = "akte-closed";

    /// <summary>A legal hold was set on an Akte.</summary>
    public const string LegalHoldSet = "legal-hold-set";

    /// <summary>A legal hold was lifted.</summary>
    public const string LegalHoldReleased = "legal-hold-released";

    /// <summary>A Vorgang was opened.</summary>
    public const string VorgangOpened = "vorgang-opened";

    /// <summary>A Vorgang was moved to another Akte.</summary>
    public const string VorgangMoved = "vorgang-moved";

    /// <summary>A Vorgang was closed (zdA).</summary>
    public const string VorgangClosed = "vorgang-closed";

    /// <summary>A closed Vorgang was reopened.</summary>
    public const string VorgangReopened = "vorgang-reopened";

    /// <summary>A document was filed with its first version.</summary>
    public const string DokumentAdded = "dokument-added";

    /// <summary>A new version of a document was filed.</summary>
    public const string DokumentVersionAdded = "dokument-version-added";

    /// <summary>The content of a document version was read.</summary>
    public const string DokumentContentRead = "dokument-content-read";

    /// <summary>A note was written.</summary>
    public const string VermerkAdded = "vermerk-added";

    /// <summary>A process instance was linked to a Vorgang (it works the Vorgang under its Aktenzeichen).</summary>
    public const string ProcessLinked = "process-linked";

    /// <summary>A Wiedervorlage was set.</summary>
    public const string WiedervorlageSet = "wiedervorlage-set";

    /// <summary>A document version was deleted; its tombstone remains.</summary>
    public const string DokumentVersionDeleted = "dokument-version-deleted";

    /// <summary>A note was deleted; its tombstone remains.</summary>
    public const string VermerkDeleted = "vermerk-deleted";

    /// <summary>A Vorgang was disposed of (content deleted, tombstone kept).</summary>
    public const string VorgangDisposed = "vorgang-disposed";

    /// <summary>An Akte was disposed of.</summary>
    public const string AkteDisposed = "akte-disposed";

    /// <summary>Akten were offered to the archive (xdomea 0501).</summary>
    public const string AussonderungOffered = "aussonderung-offered";

    /// <summary>The archive confirmed the receipt of an offer (xdomea 0504).</summary>
    public const string AussonderungOfferReceived = "aussonderung-offer-received";

    /// <summary>The archive's appraisal was read in (xdomea 0502).</summary>
    public const string AussonderungAppraised = "aussonderung-appraised";

    /// <summary>Akten and Vorgänge were handed to the archive (xdomea 0503).</summary>
    public const string AussonderungTransferred = "aussonderung-transferred";

    /// <summary>The archive confirmed or refused the import of handed-over objects (xdomea 0506).</summary>
    public const string AussonderungImportConfirmed = "aussonderung-import-confirmed";
    /// <summary>A person was added to a Vorgang as Beteiligter.</summary>
    public const string BeteiligterAdded = "beteiligter-added";

    /// <summary>A Beteiligter was removed from an open Vorgang.</summary>
    public const string BeteiligterRemoved = "beteiligter-removed";

    /// <summary>Art. 15 DSGVO: everything about a person was exported.</summary>
    public const string PersonalDataExported = "personal-data-exported";

    /// <summary>Art. 17 DSGVO: the data about a person was erased.</summary>
    public const string PersonalDataErased = "personal-data-erased";

    /// <summary>Art. 18 DSGVO: the processing of the data about a person was restricted.</summary>
    public const string PersonalDataRestricted = "personal-data-restricted";



    /// <summary>A Beteiligter was erased.</summary>
    public const string BeteiligterErased = "beteiligter-erased";

    /// <summary>The title of a Vorgang or an Akte was cleared of personal data.</summary>
    public const string TitleErased = "title-erased";

    /// <summary>A Vorgang or Dokument was restricted (Art. 18 DSGVO).</summary>
    public const string Restricted = "restricted";

    /// <summary>The restriction of a Vorgang or Dokument for one person was lifted (Art. 18 (3) DSGVO).</summary>
    public const string RestrictionLifted = "restriction-lifted";

    /// <summary>Art. 18 (3) DSGVO: the restriction of the data about a person was lifted.</summary>
    public const string PersonalDataRestrictionLifted = "personal-data-restriction-lifted";

    /// <summary>Art. 15 DSGVO: the variables and history of a process instance of the person's Vorgänge were exported.</summary>
    public const string ProcessDataExported = "process-data-exported";

    /// <summary>Art. 17 DSGVO: the person's data in the variables and history of a process instance was replaced.</summary>
    public const string ProcessDataErased = "process-data-erased";
}
