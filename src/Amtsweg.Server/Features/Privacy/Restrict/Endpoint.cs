using System.Security.Claims;
using Amtsweg.Records.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Privacy.Restrict;

/// <summary><c>POST /api/privacy/restrict</c>: restricts the processing of the data about a person (Art. 18 DSGVO).</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder privacy) => privacy.MapPost("/restrict", Restrict).WithName("RestrictPersonalData");

    private static async Task<IResult> Restrict(PrivacyRequest request, PrivacyService privacy, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await privacy.RestrictAsync(request.Person, request.Reason, user.Identity!.Name!, cancellationToken));
}
