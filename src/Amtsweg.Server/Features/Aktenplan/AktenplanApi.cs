using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Aktenplan;

/// <summary>The tenant's Aktenplan over REST. Case work only; the tenant filter of the data layer scopes it.</summary>
internal static class AktenplanApi
{
    public static IEndpointRouteBuilder MapAktenplan(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("E-Akte")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        List.Endpoint.Map(api);
        return endpoints;
    }
}
