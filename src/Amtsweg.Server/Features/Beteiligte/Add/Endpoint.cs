using System.Security.Claims;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Privacy;
using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Beteiligte.Add;

/// <summary><c>POST /api/vorgaenge/{id}/beteiligte</c>: adds a person to an open Vorgang.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder vorgang) =>
        vorgang.MapPost("/beteiligte", Add).WithName("AddBeteiligter")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Created<BeteiligterResponse>> Add(Guid id, AddBeteiligterRequest request, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct)
    {
        var b = await executor.ExecuteAsync(new AddBeteiligterCommand(id, request.Role, new DataSubject(request.Name, request.Email, request.Address, request.BirthDate)), user.Identity!.Name!, ct);
        return TypedResults.Created($"/api/vorgaenge/{id}/beteiligte", new BeteiligterResponse(b.Id, b.Role, b.Name, b.Address, b.Email, b.BirthDate, b.CreatedBy, b.CreatedAt));
    }
}
