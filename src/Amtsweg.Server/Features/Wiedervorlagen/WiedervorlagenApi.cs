using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Wiedervorlagen;

/// <summary>The follow-up dates (Wiedervorlagen) of a Vorgang over REST. Case work only; another tenant's Vorgang is answered 404.</summary>
internal static class WiedervorlagenApi
{
    public static IEndpointRouteBuilder MapWiedervorlagen(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("E-Akte")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        Set.Endpoint.Map(api);
        return endpoints;
    }
}
