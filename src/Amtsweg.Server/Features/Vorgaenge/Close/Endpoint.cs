using System.Security.Claims;
using Amtsweg.Records.Commands;
using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Vorgaenge.Close;

/// <summary><c>POST /api/vorgaenge/{id}/close</c>: closes a Vorgang (zdA).</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/vorgaenge/{id:guid}/close", Close).WithName("CloseVorgang")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<VorgangResponse>> Close(Guid id, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct)
    {
        await executor.ExecuteAsync(new CloseVorgangCommand(id), user.Identity!.Name!, ct);
        return TypedResults.Ok((await reader.VorgangAsync(id, ct))!);
    }
}
