using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Vorgaenge.Get;

/// <summary><c>GET /api/vorgaenge/{id}</c>: a Vorgang with its documents, notes, follow-up dates and processes.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/vorgaenge/{id:guid}", GetVorgang).WithName("GetVorgang")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<VorgangResponse>, ProblemHttpResult>> GetVorgang(Guid id, RecordsReader reader, CancellationToken ct) =>
        await reader.VorgangAsync(id, ct) is { } vorgang ? TypedResults.Ok(vorgang) : ApiErrors.NotFound("Der Vorgang");
}
