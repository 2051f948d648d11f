using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Akten.List;

/// <summary><c>GET /api/akten</c>: Akten, newest first, optionally under one Aktenplan position or in one state.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/akten", ListAkten).WithName("ListAkten")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Ok<List<AkteResponse>>> ListAkten(Guid? position, RecordState? state, RecordsReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.AktenAsync(position, state, ct));
}
