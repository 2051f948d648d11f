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
    public const string PositionCreated = "AktenplanPositionAngelegt";

    /// <summary>An Aktenplan was read in from an xdomea message (Aktenplan.Aktenplan.0301).</summary>
    public const string AktenplanImported = "AktenplanEingelesen";

    /// <summary>Retention period or disposal rule of a position changed.</summary>
    public const string RetentionChanged = "AufbewahrungGeaendert";

    /// <summary>An Akte was created.</summary>
    public const string AkteCreated = "AkteAngelegt";

    /// <summary>An Akte was closed (zdA).</summary>
    public const string AkteClosed = "AkteZdA";

    /// <summary>A legal hold was set on an Akte.</summary>
    public const string LegalHoldSet = "AufbewahrungssperreGesetzt";

    /// <summary>A legal hold was lifted.</summary>
    public const string LegalHoldReleased = "AufbewahrungssperreAufgehoben";

    /// <summary>A Vorgang was opened.</summary>
    public const string VorgangOpened = "VorgangEroeffnet";

    /// <summary>A Vorgang was moved to another Akte.</summary>
    public const string VorgangMoved = "VorgangUmgehaengt";

    /// <summary>A Vorgang was closed (zdA).</summary>
    public const string VorgangClosed = "VorgangZdA";

    /// <summary>A closed Vorgang was reopened.</summary>
    public const string VorgangReopened = "VorgangWiederEroeffnet";

    /// <summary>A document was filed with its first version.</summary>
    public const string DocumentAdded = "DokumentAngelegt";

    /// <summary>A new version of a document was filed.</summary>
    public const string DocumentVersionAdded = "DokumentVersionAngelegt";

    /// <summary>The content of a document version was read.</summary>
    public const string DocumentContentRead = "DokumentInhaltGelesen";

    /// <summary>A note was written.</summary>
    public const string NoteAdded = "VermerkAngelegt";

    /// <summary>A process instance was linked to a Vorgang (it works the Vorgang under its Aktenzeichen).</summary>
    public const string ProcessLinked = "ProzessVerknuepft";

    /// <summary>A Wiedervorlage was set.</summary>
    public const string WiedervorlageSet = "WiedervorlageGesetzt";

    /// <summary>A document version was deleted; its tombstone remains.</summary>
    public const string DocumentVersionDeleted = "DokumentVersionGeloescht";

    /// <summary>A note was deleted; its tombstone remains.</summary>
    public const string NoteDeleted = "VermerkGeloescht";

    /// <summary>A Vorgang was disposed of (content deleted, tombstone kept).</summary>
    public const string VorgangDisposed = "VorgangAusgesondert";

    /// <summary>An Akte was disposed of.</summary>
    public const string AkteDisposed = "AkteAusgesondert";

    /// <summary>Akten were offered to the archive (xdomea 0501).</summary>
    public const string AussonderungOffered = "AussonderungAngeboten";

    /// <summary>The archive confirmed the receipt of an offer (xdomea 0504).</summary>
    public const string AussonderungOfferReceived = "AnbietungEmpfangBestaetigt";

    /// <summary>The archive's appraisal was read in (xdomea 0502).</summary>
    public const string AussonderungAppraised = "AussonderungBewertet";

    /// <summary>Akten and Vorgänge were handed to the archive (xdomea 0503).</summary>
    public const string AussonderungTransferred = "AussonderungUebergeben";

    /// <summary>The archive confirmed or refused the import of handed-over objects (xdomea 0506).</summary>
    public const string AussonderungImportConfirmed = "AussonderungImportBestaetigt";
    /// <summary>A person was added to a Vorgang as Beteiligter.</summary>
    public const string BeteiligterAdded = "BeteiligterAngelegt";

    /// <summary>A Beteiligter was removed from an open Vorgang.</summary>
    public const string BeteiligterRemoved = "BeteiligterEntfernt";

    /// <summary>Art. 15 DSGVO: everything about a person was exported.</summary>
    public const string PersonalDataExported = "DsgvoAuskunft";

    /// <summary>Art. 17 DSGVO: the data about a person was erased.</summary>
    public const string PersonalDataErased = "DsgvoLoeschung";

    /// <summary>Art. 18 DSGVO: the processing of the data about a person was restricted.</summary>
    public const string PersonalDataRestricted = "DsgvoEinschraenkung";



    /// <summary>A Beteiligter was erased.</summary>
    public const string BeteiligterErased = "BeteiligterGeloescht";

    /// <summary>The title of a Vorgang or an Akte was cleared of personal data.</summary>
    public const string TitleErased = "TitelGeloescht";

    /// <summary>A Vorgang or Dokument was restricted (Art. 18 DSGVO).</summary>
    public const string Restricted = "Eingeschraenkt";

    /// <summary>The restriction of a Vorgang or Dokument for one person was lifted (Art. 18 (3) DSGVO).</summary>
    public const string RestrictionLifted = "EinschraenkungAufgehoben";

    /// <summary>Art. 18 (3) DSGVO: the restriction of the data about a person was lifted.</summary>
    public const string PersonalDataRestrictionLifted = "DsgvoEinschraenkungAufgehoben";
}
