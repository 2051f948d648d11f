using System.Security.Claims;
using Amtsweg.Records.Commands;
using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Vorgaenge.Open;

/// <summary><c>POST /api/vorgaenge</c>: opens a Vorgang in an open Akte.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/vorgaenge", OpenVorgang).WithName("OpenVorgang")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Created<VorgangResponse>> OpenVorgang(OpenVorgangRequest request, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct)
    {
        var vorgang = await executor.ExecuteAsync(new OpenVorgangCommand(request.AkteId, request.Title), user.Identity!.Name!, ct);
        return TypedResults.Created($"/api/vorgaenge/{vorgang.Id}", (await reader.VorgangAsync(vorgang.Id, ct))!);
    }
}
