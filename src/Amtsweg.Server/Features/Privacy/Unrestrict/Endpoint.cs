using System.Security.Claims;
using Amtsweg.Casework;
using Amtsweg.Records.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Privacy.Unrestrict;

/// <summary><c>POST /api/privacy/unrestrict</c>: lifts the restriction of the data about a person (Art. 18 (3) DSGVO).</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapPost("/unrestrict", Unrestrict).WithName("LiftRestriction")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<LiftRestrictionResult>> Unrestrict(PrivacyRequest request, CaseworkPrivacy privacy, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await privacy.LiftRestrictionAsync(request.Person, request.Reason, user.Identity!.Name!, cancellationToken));
}
