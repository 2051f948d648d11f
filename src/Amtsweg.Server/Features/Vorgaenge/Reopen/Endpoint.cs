using System.Security.Claims;
using Amtsweg.Records.Commands;
using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Vorgaenge.Reopen;

/// <summary><c>POST /api/vorgaenge/{id}/reopen</c>: reopens a closed Vorgang; the reason is audited.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/vorgaenge/{id:guid}/reopen", Reopen).WithName("ReopenVorgang")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<VorgangResponse>> Reopen(Guid id, ReopenVorgangRequest request, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct)
    {
        await executor.ExecuteAsync(new ReopenVorgangCommand(id, request.Reason), user.Identity!.Name!, ct);
        return TypedResults.Ok((await reader.VorgangAsync(id, ct))!);
    }
}
