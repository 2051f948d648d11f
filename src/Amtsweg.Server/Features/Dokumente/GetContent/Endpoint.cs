using System.Security.Claims;
using Amtsweg.Records.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Amtsweg.Server.Features.Dokumente.GetContent;

/// <summary>
/// <c>GET /api/dokument-versionen/{id}/content</c>: the audited download of a document version's content. With
/// <c>?disposition=inline</c> a PDF, picture or plain text is answered for showing in the browser (the preview page);
/// every other type is still a download.
/// </summary>
internal static class Endpoint
{
    /// <summary>The query value that asks for the content to be shown rather than saved.</summary>
    public const string Inline = "inline";

    // Only types the browser shows without running anything of the document: an HTML or SVG file shown inline from our
    // origin could run its scripts with the clerk's session.
    private static readonly HashSet<string> ShownInline = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain",
    };

    // Binary content; the answer's Content-Type is the version's own media type (PDF, image, text, ...), which the
    // document does not list: OpenAPI allows no wildcard here.
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/dokument-versionen/{id:guid}/content", Download).WithName("GetDokumentContent")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Whether the preview shows content of this media type in the browser.</summary>
    public static bool CanShowInline(string mediaType) => ShownInline.Contains(MediaTypeOnly(mediaType));

    private static async Task<FileStreamHttpResult> Download(Guid id, string? disposition, RecordsCommandExecutor executor, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        var content = await executor.ExecuteAsync(new ReadDokumentContentCommand(id), user.Identity!.Name!, ct);
        if (string.Equals(disposition, Inline, StringComparison.Ordinal) && CanShowInline(content.Version.MediaType))
        {
            var header = new ContentDispositionHeaderValue("inline");
            header.SetHttpFileName(content.Version.FileName);
            http.Response.Headers.ContentDisposition = header.ToString();
            return TypedResults.Stream(content.Stream, content.Version.MediaType);
        }

        return TypedResults.Stream(content.Stream, content.Version.MediaType, content.Version.FileName);
    }

    private static string MediaTypeOnly(string mediaType) => mediaType.Split(';', 2)[0].Trim();
}
