using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Beteiligte;

/// <summary>
/// The Beteiligte of a Vorgang over REST: list, add, remove (each change an audited e-file command; a closed Vorgang
/// refuses). Case work, like the rest of the e-file API; another tenant's Vorgang is answered 404.
/// </summary>
internal static class BeteiligteApi
{
    public static IEndpointRouteBuilder MapBeteiligte(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/vorgaenge/{id:guid}").RequireAuthorization(Policies.CaseWork).WithTags("E-Akte")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        List.Endpoint.Map(api);
        Add.Endpoint.Map(api);
        Remove.Endpoint.Map(api);
        return endpoints;
    }
}
