using System.Security.Claims;
using Amtsweg.Records.Commands;
using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Akten.Create;

/// <summary><c>POST /api/akten</c>: creates an Akte under an Aktenplan position.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/akten", CreateAkte).WithName("CreateAkte")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Created<AkteResponse>> CreateAkte(CreateAkteRequest request, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct)
    {
        var akte = await executor.ExecuteAsync(new CreateAkteCommand(request.PositionId, request.Title), user.Identity!.Name!, ct);
        return TypedResults.Created($"/api/akten/{akte.Id}", (await reader.AkteAsync(akte.Id, ct))!);
    }
}
