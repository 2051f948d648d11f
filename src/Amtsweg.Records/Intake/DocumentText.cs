using System.Text;
using Amtsweg.Records.Blobs;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace Amtsweg.Records.Intake;

/// <summary>
/// The plain text of a document's content, for search and for recognising Aktenzeichen: plain text as it is, PDFs
/// through PdfPig (text layer only; a scan without one yields no text). Other types yield none.
/// </summary>
public static class DocumentText
{
    /// <summary>At most this many characters are kept.</summary>
    public const int MaxChars = 200_000;

    /// <summary>Extracts the text of <paramref name="content"/> (seekable for PDFs), or null for types without text.</summary>
    public static async Task<string?> ExtractAsync(Stream content, string mediaType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(mediaType);
        if (mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            var buffer = new char[MaxChars];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, read);
        }

        if (mediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            return ReadPdf(content).Text;
        }

        return null;
    }

    internal static async Task<string?> ExtractAsync(BlobStore blobs, BlobReference blob, string mediaType, CancellationToken cancellationToken)
    {
        var stream = blobs.Open(blob.Hash);
        await using (stream.ConfigureAwait(false))
        {
            return await ExtractAsync(stream, mediaType, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when the PDF file has a text layer worth the name; else it is a scan that needs OCR.</summary>
    internal static bool HasTextLayer(string path)
    {
        using var file = File.OpenRead(path);
        var (text, pages) = ReadPdf(file);
        return IsTextLayer(text, pages);
    }

    // Fewer than 20 letters or digits a page (over the first three pages) is a scan, perhaps with a stamp or a
    // scanner's page number as text.
    internal static bool IsTextLayer(string? text, int pages) =>
        text is not null && text.Count(char.IsLetterOrDigit) >= 20 * Math.Min(pages, 3);

    /// <summary>The text layer and the page count of a PDF; no text (and no pages) when PdfPig cannot read it.</summary>
    internal static (string? Text, int Pages) ReadPdf(Stream content)
    {
        try
        {
            using var document = PigDocument.Open(content);
            var text = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                text.AppendJoin(' ', page.GetWords().Select(w => w.Text)).Append('\n');
                if (text.Length >= MaxChars)
                {
                    break;
                }
            }

            return (text.Length > MaxChars ? text.ToString(0, MaxChars) : text.ToString(), document.NumberOfPages);
        }
#pragma warning disable CA1031 // PdfPig throws many exception types on malformed input; such a PDF is still filed, only without text.
        catch (Exception error) when (error is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return (null, 0);
        }
    }
}
