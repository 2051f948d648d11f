using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Vermerke;

/// <summary>The notes (Vermerke) of a Vorgang over REST. Case work only; another tenant's Vorgang is answered 404.</summary>
internal static class VermerkeApi
{
    public static IEndpointRouteBuilder MapVermerke(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("E-Akte")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        Add.Endpoint.Map(api);
        return endpoints;
    }
}
