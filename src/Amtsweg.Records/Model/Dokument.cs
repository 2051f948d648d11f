using Amtsweg.Data.Tenancy;

namespace Amtsweg.Records.Model;

/// <summary>A document in a Vorgang. Its content and metadata live in immutable <see cref="DokumentVersion"/>s.</summary>
public sealed class Dokument : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The Vorgang the document is filed in.</summary>
    public Guid VorgangId { get; set; }

    /// <summary>When the document was filed (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The number of the newest version.</summary>
    public int CurrentVersion { get; set; }

    /// <summary>Bumped by every command that locks the row, so concurrent changes serialise.</summary>
    public long Revision { get; set; }
}

/// <summary>
/// One version of a document: metadata and a reference to its content blob. Never changed after it is written;
/// a new version is a new row (the DbContext refuses updates).
/// </summary>
public sealed class DokumentVersion : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The document.</summary>
    public Guid DokumentId { get; set; }

    /// <summary>1, 2, 3, ...</summary>
    public int Number { get; set; }

    /// <summary>The title, e.g. <c>Antrag auf Gewerbeanmeldung</c>.</summary>
    public required string Title { get; set; }

    /// <summary>The date the document bears.</summary>
    public DateOnly DokumentDate { get; set; }

    /// <summary>The document type, e.g. <c>Antrag</c>, <c>Bescheid</c>, <c>Schreiben</c>.</summary>
    public required string DokumentType { get; set; }

    /// <summary>The sender (Absender), if known.</summary>
    public string? Sender { get; set; }

    /// <summary>The recipient (Empfänger), if known.</summary>
    public string? Recipient { get; set; }

    /// <summary>How confidential the document is.</summary>
    public Confidentiality Confidentiality { get; set; }

    /// <summary>The original file name.</summary>
    public required string FileName { get; set; }

    /// <summary>The media type, e.g. <c>application/pdf</c>.</summary>
    public required string MediaType { get; set; }

    /// <summary>SHA-256 of the content (lower-case hex): the blob's address.</summary>
    public required string ContentHash { get; set; }

    /// <summary>Size of the content in bytes.</summary>
    public long ContentLength { get; set; }

    /// <summary>Who filed the version.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When the version was filed (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
