using System.Security.Claims;
using Amtsweg.Records.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Dokumente.GetContent;

/// <summary><c>GET /api/dokument-versionen/{id}/content</c>: the audited download of a document version's content.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/dokument-versionen/{id:guid}/content", Download).WithName("GetDokumentContent");

    private static async Task<IResult> Download(Guid id, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct)
    {
        var content = await executor.ExecuteAsync(new ReadDokumentContentCommand(id), user.Identity!.Name!, ct);
        return TypedResults.Stream(content.Stream, content.Version.MediaType, content.Version.FileName);
    }
}
