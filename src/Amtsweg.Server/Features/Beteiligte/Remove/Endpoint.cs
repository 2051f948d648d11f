using System.Security.Claims;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Beteiligte.Remove;

/// <summary><c>DELETE /api/vorgaenge/{id}/beteiligte/{beteiligterId}</c>: removes a person from an open Vorgang.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder vorgang) =>
        vorgang.MapDelete("/beteiligte/{beteiligterId:guid}", Remove).WithName("RemoveBeteiligter")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<NoContent> Remove(Guid id, Guid beteiligterId, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct)
    {
        await executor.ExecuteAsync(new RemoveBeteiligterCommand(id, beteiligterId), user.Identity!.Name!, ct);
        return TypedResults.NoContent();
    }
}
