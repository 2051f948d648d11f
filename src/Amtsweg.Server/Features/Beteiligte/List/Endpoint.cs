using System.Security.Claims;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
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

    // Art. 18 DSGVO: restricted Beteiligte are shown by the placeholder, except to the data-protection role (as on the Vorgang page).
    private static async Task<Results<Ok<List<BeteiligterResponse>>, ProblemHttpResult>> List(Guid id, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct) =>
        await reader.BeteiligteAsync(id, includeRestricted: user.IsInRole(Roles.Administration), ct) is { } beteiligte ? TypedResults.Ok(beteiligte) : ApiErrors.NotFound("Der Vorgang");
}
