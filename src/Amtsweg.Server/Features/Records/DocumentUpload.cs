using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Amtsweg.Server.Features.Records;

/// <summary>
/// A document filed by a clerk (multipart form): the file in <c>datei</c>; title (default: the file name), type
/// (default <c>Dokument</c>), date (default: today in Berlin), sender, recipient and confidentiality are optional.
/// </summary>
public sealed class DocumentUpload
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The file.</summary>
    [FromForm(Name = "datei")]
    public IFormFile? Datei { get; set; }

    /// <summary>Title.</summary>
    [FromForm(Name = "titel")]
    public string? Titel { get; set; }

    /// <summary>Document type, e.g. <c>Antrag</c>.</summary>
    [FromForm(Name = "dokumentart")]
    public string? Dokumentart { get; set; }

    /// <summary>The date the document bears.</summary>
    [FromForm(Name = "datum")]
    public DateOnly? Datum { get; set; }

    /// <summary>Sender.</summary>
    [FromForm(Name = "absender")]
    public string? Absender { get; set; }

    /// <summary>Recipient.</summary>
    [FromForm(Name = "empfaenger")]
    public string? Empfaenger { get; set; }

    /// <summary>Confidentiality: <c>Public</c>, <c>Internal</c> (default), <c>Confidential</c>, <c>StrictlyConfidential</c>.</summary>
    [FromForm(Name = "vertraulichkeit")]
    public Confidentiality? Vertraulichkeit { get; set; }

    /// <summary>Today in Berlin by the given clock.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Berlin).DateTime);

    /// <summary>The metadata of the first version; the command validates it.</summary>
    public DocumentMetadata ToMetadata(IFormFile file, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fileName = Path.GetFileName(file.FileName);
        return new DocumentMetadata(
            string.IsNullOrWhiteSpace(Titel) ? Path.GetFileNameWithoutExtension(fileName) : Titel,
            Datum ?? today,
            string.IsNullOrWhiteSpace(Dokumentart) ? "Dokument" : Dokumentart,
            Absender,
            Empfaenger,
            Vertraulichkeit ?? Confidentiality.Internal,
            fileName,
            string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType);
    }
}
