using System.Security.Claims;
using Amtsweg.Records.Commands;
using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Wiedervorlagen.Set;

/// <summary><c>POST /api/vorgaenge/{id}/wiedervorlagen</c>: sets a follow-up date on an open Vorgang.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/vorgaenge/{id:guid}/wiedervorlagen", SetWiedervorlage).WithName("SetWiedervorlage")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Created<WiedervorlageResponse>> SetWiedervorlage(Guid id, SetWiedervorlageRequest request, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct)
    {
        var w = await executor.ExecuteAsync(new SetWiedervorlageCommand(id, request.DueOn, request.Reason), user.Identity!.Name!, ct);
        return TypedResults.Created($"/api/vorgaenge/{id}", new WiedervorlageResponse(w.Id, w.DueOn, w.Reason, w.CreatedBy, w.CreatedAt));
    }
}
