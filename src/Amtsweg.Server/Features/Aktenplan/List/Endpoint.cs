using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Aktenplan.List;

/// <summary><c>GET /api/aktenplan</c>: the Aktenplan positions, ordered by code.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/aktenplan", async (RecordsReader reader, CancellationToken ct) => TypedResults.Ok(await reader.PositionsAsync(ct))).WithName("ListAktenplan");
}
