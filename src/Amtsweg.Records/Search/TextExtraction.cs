using System.Text;
using Amtsweg.Records.Blobs;

namespace Amtsweg.Records.Search;

/// <summary>The plain text of a document's content for the search index. Plain-text content is read directly.</summary>
internal static class TextExtraction
{
    private const int MaxChars = 200_000;

    public static async Task<string?> ExtractAsync(BlobStore blobs, BlobReference blob, string mediaType, CancellationToken cancellationToken)
    {
        if (!mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var stream = blobs.Open(blob.Hash);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var buffer = new char[MaxChars];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, read);
        }
    }
}
