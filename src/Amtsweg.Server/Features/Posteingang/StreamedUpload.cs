using Amtsweg.Records;
using Amtsweg.Records.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Amtsweg.Server.Features.Posteingang;

/// <summary>
/// Reads files from a multipart request body as it arrives and hands each to the <see cref="IntakeReceiver"/>, which
/// streams it into a temporary file. Nothing is buffered by ASP.NET: the form is never bound. A body above the limit
/// is refused from its Content-Length, else by the request size limit and the receiver's own count, at the limit.
/// </summary>
internal static class StreamedUpload
{
    /// <summary>The multipart field of the file.</summary>
    public const string FileField = "datei";

    // Room for the multipart boundaries and part headers around the files.
    private const long MultipartOverhead = 64 * 1024;

    /// <summary>Receives the files of field <see cref="FileField"/>, at most <paramref name="maxFiles"/>; throws <see cref="RecordsException"/>.</summary>
    public static async Task<List<IntakeItem>> ReceiveAsync(HttpContext http, IntakeReceiver receiver, long maxBytes, IntakeSource source, Guid? vorgang, int maxFiles, CancellationToken cancellationToken)
    {
        var bodyLimit = (maxBytes * maxFiles) + MultipartOverhead;
        if (http.Request.ContentLength > bodyLimit)
        {
            throw IntakeReceiver.TooLarge(maxBytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = bodyLimit;
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw new RecordsException(RecordsErrors.Invalid, $"Erwartet wird ein Formular (multipart/form-data) mit der Datei im Feld „{FileField}“.");
        }

        var items = new List<IntakeItem>();
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (items.Count < maxFiles && await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition()
                    && HeaderUtilities.RemoveQuotes(disposition.Name).Value == FileField
                    && (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value) is { Length: > 0 } fileName)
                {
                    items.Add(await receiver.ReceiveAsync(section.Body, new IntakeDelivery(fileName, source, http.User.Identity!.Name!, vorgang), cancellationToken));
                }
            }
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw IntakeReceiver.TooLarge(maxBytes);
        }
        catch (InvalidDataException)
        {
            throw new RecordsException(RecordsErrors.Invalid, "Das Formular ist unvollständig oder fehlerhaft.");
        }

        return items.Count > 0 ? items : throw new RecordsException(RecordsErrors.Invalid, $"Das Formular enthält keine Datei im Feld „{FileField}“.");
    }
}
