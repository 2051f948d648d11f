using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Akten;

/// <summary>
/// Akten over REST: list, create (the Aktenzeichen is generated), read. Case work only; the tenant filter of the data
/// layer scopes everything, so another tenant's id is answered 404.
/// </summary>
internal static class AktenApi
{
    public static IEndpointRouteBuilder MapAkten(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("E-Akte")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        List.Endpoint.Map(api);
        Create.Endpoint.Map(api);
        Get.Endpoint.Map(api);
        return endpoints;
    }
}
