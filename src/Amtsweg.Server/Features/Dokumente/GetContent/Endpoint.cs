using System.Security.Claims;
using Amtsweg.Records.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Dokumente.GetContent;

/// <summary><c>GET /api/dokument-versionen/{id}/content</c>: the audited download of a document version's content.</summary>
internal static class Endpoint
{
    // Binary content; the answer's Content-Type is the version's own media type (PDF, image, text, ...), which the
    // document does not list: OpenAPI allows no wildcard here.
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/dokument-versionen/{id:guid}/content", Download).WithName("GetDokumentContent")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<FileStreamHttpResult> Download(Guid id, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct)
    {
        var content = await executor.ExecuteAsync(new ReadDokumentContentCommand(id), user.Identity!.Name!, ct);
        return TypedResults.Stream(content.Stream, content.Version.MediaType, content.Version.FileName);
    }
}
