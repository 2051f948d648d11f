using System.Security.Claims;
using Amtsweg.Records.Commands;
using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Vermerke.Add;

/// <summary><c>POST /api/vorgaenge/{id}/vermerke</c>: writes a note into an open Vorgang.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/vorgaenge/{id:guid}/vermerke", AddVermerk).WithName("AddVermerk")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Created<VermerkResponse>> AddVermerk(Guid id, AddVermerkRequest request, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct)
    {
        var note = await executor.ExecuteAsync(new AddVermerkCommand(id, request.Text), user.Identity!.Name!, ct);
        return TypedResults.Created($"/api/vorgaenge/{id}", new VermerkResponse(note.Id, note.Text, note.CreatedBy, note.CreatedAt));
    }
}
