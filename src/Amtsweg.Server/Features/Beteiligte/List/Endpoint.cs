using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Beteiligte.List;

/// <summary><c>GET /api/vorgaenge/{id}/beteiligte</c>: the persons taking part in a Vorgang.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder vorgang) =>
        vorgang.MapGet("/beteiligte", List).WithName("ListBeteiligte")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<List<BeteiligterResponse>>, ProblemHttpResult>> List(Guid id, RecordsReader reader, CancellationToken ct) =>
        await reader.BeteiligteAsync(id, ct) is { } beteiligte ? TypedResults.Ok(beteiligte) : ApiErrors.NotFound("Der Vorgang");
}
