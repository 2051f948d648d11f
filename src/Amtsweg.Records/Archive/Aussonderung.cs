using Amtsweg.Data.Tenancy;

namespace Amtsweg.Records.Archive;

/// <summary>
/// One Aussonderung (xdomea process): the Akten offered to the archive in one Anbieteverzeichnis (0501). Its
/// <see cref="Id"/> is the xdomea <c>ProzessID</c> that every message of the process carries.
/// </summary>
public sealed class Aussonderung : ITenantOwned
{
    /// <summary>UUID v7, the xdomea ProzessID.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>When the offer (0501) was written (UTC).</summary>
    public DateTimeOffset OfferedAt { get; set; }

    /// <summary>Who wrote the offer.</summary>
    public required string OfferedBy { get; set; }

    /// <summary>The archive the offer went to.</summary>
    public required string ArchiveName { get; set; }

    /// <summary>When the archive confirmed the receipt of the offer (0504), if it did.</summary>
    public DateTimeOffset? OfferReceiptAt { get; set; }

    /// <summary>When the archive's appraisal (0502) was read in.</summary>
    public DateTimeOffset? AppraisedAt { get; set; }
}

/// <summary>An Akte or Vorgang offered in an <see cref="Aussonderung"/>, with the archive's decision and its fate.</summary>
public sealed class AussonderungObjekt : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The process.</summary>
    public Guid AussonderungId { get; set; }

    /// <summary>Akte or Vorgang.</summary>
    public ArchiveObjectKind Kind { get; set; }

    /// <summary>The id of the Akte or Vorgang; also its xdomea <c>Identifikation/ID</c>.</summary>
    public Guid ObjectId { get; set; }

    /// <summary>The Akte (for an Akte: itself).</summary>
    public Guid AkteId { get; set; }

    /// <summary>The Aktenzeichen when offered.</summary>
    public required string Aktenzeichen { get; set; }

    /// <summary>What the authority proposed: the Aktenplan position's rule.</summary>
    public Model.DisposalRule Proposed { get; set; }

    /// <summary>The archive's decision (0502); null until it came, and for a Vorgang that follows its Akte.</summary>
    public ArchiveDecision? Decision { get; set; }

    /// <summary>When the object was handed over in an Aussonderung message (0503), null before.</summary>
    public DateTimeOffset? TransferredAt { get; set; }

    /// <summary>When the archive confirmed the import (0506) or the object was destroyed; null before.</summary>
    public DateTimeOffset? DisposedAt { get; set; }
}

/// <summary>Akte or Vorgang.</summary>
public enum ArchiveObjectKind
{
    /// <summary>An Akte.</summary>
    Akte,

    /// <summary>A Vorgang.</summary>
    Vorgang,
}

/// <summary>The archive's appraisal of an offered object.</summary>
public enum ArchiveDecision
{
    /// <summary>Archivwürdig ("A"): hand it over (0503), then delete it here.</summary>
    Archive,

    /// <summary>Vernichten ("V"): destroy it here.</summary>
    Destroy,
}
