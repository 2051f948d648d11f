using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Akten.Get;

/// <summary><c>GET /api/akten/{id}</c>: one Akte.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/akten/{id:guid}", GetAkte).WithName("GetAkte")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<AkteResponse>, ProblemHttpResult>> GetAkte(Guid id, RecordsReader reader, CancellationToken ct) =>
        await reader.AkteAsync(id, ct) is { } akte ? TypedResults.Ok(akte) : ApiErrors.NotFound("Die Akte");
}
