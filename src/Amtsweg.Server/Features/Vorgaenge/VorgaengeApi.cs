using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Vorgaenge;

/// <summary>
/// Vorgänge over REST: list, open, read with everything in it, the history of their processes, close (zdA) and
/// reopen. Case work only; the tenant filter of the data layer scopes everything, so another tenant's id is answered 404.
/// </summary>
internal static class VorgaengeApi
{
    public static IEndpointRouteBuilder MapVorgaenge(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("E-Akte")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        List.Endpoint.Map(api);
        Open.Endpoint.Map(api);
        Get.Endpoint.Map(api);
        GetHistory.Endpoint.Map(api);
        Close.Endpoint.Map(api);
        Reopen.Endpoint.Map(api);
        return endpoints;
    }
}
