using System.Text;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Dokumente.Preview;

/// <summary>How the preview page shows a document version.</summary>
public enum PreviewKind
{
    /// <summary>No preview: only the download link.</summary>
    None,

    /// <summary>Pages drawn by pdf.js; without JavaScript a link that opens the PDF in the browser.</summary>
    Pdf,

    /// <summary>An <c>img</c> of the content.</summary>
    Image,

    /// <summary>The text, preformatted.</summary>
    Text,
}

/// <summary>
/// <c>/dokumente/{versionId}/ansicht</c>: one document version shown in the browser, beside its download link. The
/// version is read through the tenant filter like the download endpoint (another tenant's id is a 404), and a document
/// restricted under Art. 18 DSGVO is refused as the download refuses it. PDF and pictures are loaded by the browser
/// from the audited download endpoint; text is read here through the same audited command.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class PreviewModel(RecordsDbContext db, RecordsCommandExecutor executor) : PageModel
{
    /// <summary>The most characters of a text document shown; the rest is in the download.</summary>
    public const int MaxTextChars = 200_000;

    public Guid VersionId { get; private set; }

    public string Title { get; private set; } = "";

    public string FileName { get; private set; } = "";

    public long ContentLength { get; private set; }

    public int Number { get; private set; }

    public Guid VorgangId { get; private set; }

    public string Aktenzeichen { get; private set; } = "";

    public string VorgangTitle { get; private set; } = "";

    public PreviewKind Kind { get; private set; }

    /// <summary>The text of a text document, at most <see cref="MaxTextChars"/> characters.</summary>
    public string? Text { get; private set; }

    /// <summary>Whether the text is longer than what is shown.</summary>
    public bool TextCut { get; private set; }

    /// <summary>
    /// The text search knows of the document (extraction or OCR when it was filed), shown beside a PDF, picture or
    /// download so that a clerk can read or copy a scanned letter's words; null for a text document (shown itself), an
    /// older version (search keeps only the newest one's text) or when nothing was recognised.
    /// </summary>
    public string? RecognizedText { get; private set; }

    /// <summary>Why the document is not shown (German), or null.</summary>
    public string? Refused { get; private set; }

    public string DownloadUrl => $"/api/dokument-versionen/{VersionId}/content";

    public string InlineUrl => $"{DownloadUrl}?disposition={GetContent.Endpoint.Inline}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await (from version in db.DokumentVersionen.AsNoTracking()
                           join dokument in db.Dokumente.AsNoTracking() on version.DokumentId equals dokument.Id
                           join vorgang in db.Vorgaenge.AsNoTracking() on dokument.VorgangId equals vorgang.Id
                           where version.Id == id
                           select new { version, vorgang.Id, vorgang.Aktenzeichen, vorgang.Title })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        VersionId = id;
        VorgangId = found.Id;
        Aktenzeichen = found.Aktenzeichen;
        VorgangTitle = found.Title;
        Number = found.version.Number;
        if (await db.Restrictions.AsNoTracking().AnyAsync(r => r.SubjectId == found.version.DokumentId, cancellationToken))
        {
            // As on the Vorgang page: that something is there, not what it is.
            Title = DetailRestricted;
            Refused = "Preview.Restricted";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        Title = found.version.Title;
        FileName = found.version.FileName;
        ContentLength = found.version.ContentLength;
        Kind = KindOf(found.version.MediaType);
        if (Kind == PreviewKind.Text)
        {
            await ReadTextAsync(cancellationToken);
        }
        else
        {
            RecognizedText = await RecognizedTextAsync(found.version, cancellationToken);
        }

        return Page();
    }

    /// <summary>The preview for a media type (parameters such as <c>charset</c> ignored).</summary>
    public static PreviewKind KindOf(string mediaType)
    {
        var type = mediaType.Split(';', 2)[0].Trim().ToLowerInvariant();
        if (!GetContent.Endpoint.CanShowInline(type))
        {
            return PreviewKind.None;
        }

        return type switch
        {
            "application/pdf" => PreviewKind.Pdf,
            "text/plain" => PreviewKind.Text,
            _ => PreviewKind.Image,
        };
    }

    private const string DetailRestricted = Records.Cases.DetailModel.RestrictedText;

    private async Task<string?> RecognizedTextAsync(DokumentVersion version, CancellationToken cancellationToken)
    {
        var newest = await db.DokumentVersionen.AsNoTracking().Where(v => v.DokumentId == version.DokumentId).MaxAsync(v => v.Number, cancellationToken);
        if (version.Number != newest)
        {
            return null;
        }

        var entry = await db.SearchEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == version.DokumentId, cancellationToken);
        var text = entry?.ContentText().Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private async Task ReadTextAsync(CancellationToken cancellationToken)
    {
        await using var content = await executor.ExecuteAsync(new ReadDokumentContentCommand(VersionId), User.Identity!.Name!, cancellationToken);
        using var reader = new StreamReader(content.Stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[MaxTextChars + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        TextCut = length > MaxTextChars;
        Text = new string(buffer, 0, Math.Min(length, MaxTextChars));
    }
}
