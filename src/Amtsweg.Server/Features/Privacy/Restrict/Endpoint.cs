using System.Security.Claims;
using Amtsweg.Casework;
using Amtsweg.Records.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Privacy.Restrict;

/// <summary><c>POST /api/privacy/restrict</c>: restricts the processing of the data about a person (Art. 18 DSGVO).</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapPost("/restrict", Restrict).WithName("RestrictPersonalData")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<RestrictionResult>> Restrict(PrivacyRequest request, CaseworkPrivacy privacy, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await privacy.RestrictAsync(request.Person, request.Reason, user.Identity!.Name!, cancellationToken));
}
