using Amtsweg.Records.Audit;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Model;
using Amtsweg.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Commands;

/// <summary>The metadata of a document version.</summary>
/// <param name="Title">Title, e.g. <c>Antrag auf Gewerbeanmeldung</c>.</param>
/// <param name="DokumentDate">The date the document bears.</param>
/// <param name="DokumentType">Type, e.g. <c>Antrag</c>, <c>Bescheid</c>.</param>
/// <param name="Sender">Absender, if any.</param>
/// <param name="Recipient">Empfänger, if any.</param>
/// <param name="Confidentiality">How confidential it is.</param>
/// <param name="FileName">Original file name.</param>
/// <param name="MediaType">Media type, e.g. <c>application/pdf</c>.</param>
public sealed record DokumentMetadata(
    string Title,
    DateOnly DokumentDate,
    string DokumentType,
    string? Sender,
    string? Recipient,
    Confidentiality Confidentiality,
    string FileName,
    string MediaType);

/// <summary>Files a new document with its first version into an open Vorgang. The content is streamed into the blob store first.</summary>
public sealed record AddDokumentCommand(Guid VorgangId, DokumentMetadata Metadata, Stream Content) : RecordsCommand<DokumentVersion>
{
    private StagedContent? _staged;

    /// <summary>The document's text when the caller knows it (a letter it generated): indexed as given, not extracted from the content.</summary>
    public string? Text { get; init; }

    internal override async Task PrepareAsync(BlobStore blobs, CancellationToken cancellationToken) =>
        _staged = await DokumentVersionWriter.StageAsync(blobs, Metadata, Content, Text, cancellationToken).ConfigureAwait(false);

    internal override async Task<DokumentVersion> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var (blob, text) = _staged ?? throw new InvalidOperationException("The content was not stored.");
        var vorgang = await context.LockOpenVorgangAsync(VorgangId, cancellationToken).ConfigureAwait(false);
        var dokument = new Dokument { Id = context.NewId(), TenantId = context.TenantId, VorgangId = vorgang.Id, CreatedAt = context.Now, CurrentVersion = 1 };
        context.Db.Dokumente.Add(dokument);
        context.Audit(AuditActions.DokumentAdded, nameof(Dokument), dokument.Id, ("vorgang", vorgang.Aktenzeichen));
        var version = DokumentVersionWriter.Add(context, dokument, 1, Metadata, blob);
        await DokumentVersionWriter.IndexAsync(context, vorgang, dokument, version, text, cancellationToken).ConfigureAwait(false);
        return version;
    }
}

/// <summary>Files a new version of a document whose Vorgang is open. Earlier versions stay unchanged.</summary>
public sealed record AddDokumentVersionCommand(Guid DokumentId, DokumentMetadata Metadata, Stream Content) : RecordsCommand<DokumentVersion>
{
    private StagedContent? _staged;

    internal override async Task PrepareAsync(BlobStore blobs, CancellationToken cancellationToken) =>
        _staged = await DokumentVersionWriter.StageAsync(blobs, Metadata, Content, null, cancellationToken).ConfigureAwait(false);

    internal override async Task<DokumentVersion> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var (blob, text) = _staged ?? throw new InvalidOperationException("The content was not stored.");
        var dokument = await context.LockAsync<Dokument>(DokumentId, "Das Dokument", cancellationToken).ConfigureAwait(false);
        var vorgang = await context.LockOpenVorgangAsync(dokument.VorgangId, cancellationToken).ConfigureAwait(false);
        dokument.CurrentVersion += 1;
        var version = DokumentVersionWriter.Add(context, dokument, dokument.CurrentVersion, Metadata, blob);
        await DokumentVersionWriter.IndexAsync(context, vorgang, dokument, version, text, cancellationToken).ConfigureAwait(false);
        return version;
    }
}

/// <summary>The content of a document version, opened for streaming. Dispose it.</summary>
public sealed record DocumentContent(DokumentVersion Version, Stream Stream) : IAsyncDisposable, IDisposable
{
    /// <inheritdoc />
    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => Stream.Dispose();
}

/// <summary>
/// Opens the content of a document version; every read is an audited act. A document restricted under Art. 18 DSGVO
/// opens only with <paramref name="IncludeRestricted"/>, which the caller grants to the data-protection role alone.
/// </summary>
public sealed record ReadDokumentContentCommand(Guid VersionId, bool IncludeRestricted = false) : RecordsCommand<DocumentContent>
{
    internal override async Task<DocumentContent> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var version = await context.Db.DokumentVersionen.AsNoTracking().SingleOrDefaultAsync(v => v.Id == VersionId, cancellationToken).ConfigureAwait(false)
            ?? throw RecordsErrors.NotFoundError("Die Dokumentversion", VersionId);
        if (!IncludeRestricted && await context.Db.Restrictions.AnyAsync(r => r.SubjectId == version.DokumentId, cancellationToken).ConfigureAwait(false))
        {
            throw new RecordsException(RecordsErrors.Restricted, "Das Dokument ist nach Art. 18 DSGVO eingeschränkt; nur die Datenschutzverwaltung kann es öffnen.");
        }

        context.Audit(AuditActions.DokumentContentRead, nameof(DokumentVersion), version.Id, ("contentHash", version.ContentHash));
        return new DocumentContent(version, context.Blobs.Open(version.ContentHash));
    }
}

/// <summary>Content stored in the blob store, with its extracted text, before the command's transaction.</summary>
internal sealed record StagedContent(BlobReference Blob, string? Text);

internal static class DokumentVersionWriter
{
    /// <summary>Validates the metadata, streams the content into the blob store and extracts its text, unless the text is <paramref name="knownText"/>.</summary>
    public static async Task<StagedContent> StageAsync(BlobStore blobs, DokumentMetadata metadata, Stream content, string? knownText, CancellationToken cancellationToken)
    {
        Validate(metadata);
        var blob = await blobs.StoreAsync(content, cancellationToken).ConfigureAwait(false);
        var text = knownText is not null
            ? knownText[..Math.Min(knownText.Length, Intake.DocumentText.MaxChars)]
            : await Intake.DocumentText.ExtractAsync(blobs, blob, metadata.MediaType, cancellationToken).ConfigureAwait(false);
        return new StagedContent(blob, text);
    }

    public static async Task IndexAsync(RecordsCommandContext context, Vorgang vorgang, Dokument dokument, DokumentVersion version, string? text, CancellationToken cancellationToken)
    {
        var positionId = await context.Db.Akten.Where(a => a.Id == vorgang.AkteId).Select(a => a.PositionId).SingleAsync(cancellationToken).ConfigureAwait(false);
        await SearchIndexer.IndexDokumentAsync(context.Db, vorgang, positionId, dokument.Id, version, text, cancellationToken).ConfigureAwait(false);
    }

    public static void Validate(DokumentMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Validation.Text(metadata.Title, "Der Titel des Dokuments", 500);
        Validation.Text(metadata.DokumentType, "Die Dokumentart", 100);
        Validation.OptionalText(metadata.Sender, "Der Absender", 300);
        Validation.OptionalText(metadata.Recipient, "Der Empfänger", 300);
        Validation.Defined(metadata.Confidentiality);
        Validation.Text(metadata.FileName, "Der Dateiname", 260);
        Validation.Text(metadata.MediaType, "Der Medientyp", 200);
    }

    public static DokumentVersion Add(RecordsCommandContext context, Dokument dokument, int number, DokumentMetadata metadata, BlobReference blob)
    {
        var version = new DokumentVersion
        {
            Id = context.NewId(),
            TenantId = context.TenantId,
            DokumentId = dokument.Id,
            Number = number,
            Title = metadata.Title.Trim(),
            DokumentDate = metadata.DokumentDate,
            DokumentType = metadata.DokumentType.Trim(),
            Sender = Validation.OptionalText(metadata.Sender, "Der Absender", 300),
            Recipient = Validation.OptionalText(metadata.Recipient, "Der Empfänger", 300),
            Confidentiality = metadata.Confidentiality,
            FileName = metadata.FileName.Trim(),
            MediaType = metadata.MediaType.Trim(),
            ContentHash = blob.Hash,
            ContentLength = blob.Length,
            CreatedBy = context.Actor,
            CreatedAt = context.Now,
        };
        context.Db.DokumentVersionen.Add(version);
        context.Audit(AuditActions.DokumentVersionAdded, nameof(DokumentVersion), version.Id,
            ("dokument", dokument.Id.ToString("D")),
            ("number", number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("contentHash", blob.Hash),
            ("fingerprint", Fingerprint.Of(version)));
        return version;
    }
}
