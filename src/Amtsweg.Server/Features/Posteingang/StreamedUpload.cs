using System.Text;
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

    // Form fields besides the file (the metadata of a document), each at most this long.
    private const int MaxFields = 20;
    private const int MaxFieldChars = 2000;

    /// <summary>True when a browser sends the request from another site; such uploads are refused (403).</summary>
    public static bool FromForeignOrigin(HttpContext http) =>
        http.Request.Headers.Origin is [{ } origin] && !string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Receives the files of field <see cref="FileField"/>, at most <paramref name="maxFiles"/>, each as
    /// <paramref name="delivery"/> with its own name; throws <see cref="RecordsException"/>. Text fields that come
    /// before a file are handed to <paramref name="metadata"/> for that file (fields after the last file are not read).
    /// </summary>
    public static async Task<List<IntakeItem>> ReceiveAsync(HttpContext http, IntakeReceiver receiver, long maxBytes, IntakeDelivery delivery, int maxFiles, CancellationToken cancellationToken, Func<IReadOnlyDictionary<string, string>, IntakeMetadata>? metadata = null)
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
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (items.Count < maxFiles && await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    continue;
                }

                if (disposition.IsFileDisposition())
                {
                    if (name == FileField && (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value) is { Length: > 0 } fileName)
                    {
                        items.Add(await receiver.ReceiveAsync(section.Body, delivery with { FileName = fileName, Metadata = metadata?.Invoke(fields) }, cancellationToken));
                    }
                }
                else if (metadata is not null)
                {
                    fields[name] = await ReadFieldAsync(section.Body, name, fields.Count, cancellationToken);
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

    private static async Task<string> ReadFieldAsync(Stream body, string name, int count, CancellationToken cancellationToken)
    {
        if (count >= MaxFields)
        {
            throw new RecordsException(RecordsErrors.Invalid, $"Das Formular hat mehr als {MaxFields} Felder.");
        }

        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var buffer = new char[MaxFieldChars + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return read <= MaxFieldChars ? new string(buffer, 0, read)
            : throw new RecordsException(RecordsErrors.Invalid, $"Das Feld „{name}“ ist länger als {MaxFieldChars} Zeichen.");
    }
}
