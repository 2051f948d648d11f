using System.Security.Claims;
using Amtsweg.Casework;
using Amtsweg.Records.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Privacy.Erase;

/// <summary><c>POST /api/privacy/erase</c>: erases what the e-file holds about a person, leaving a Löschnachweis (Art. 17 DSGVO).</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapPost("/erase", Erase).WithName("ErasePersonalData")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<ErasureResult>> Erase(PrivacyRequest request, CaseworkPrivacy privacy, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await privacy.EraseAsync(request.Person, request.Reason, user.Identity!.Name!, cancellationToken));
}
