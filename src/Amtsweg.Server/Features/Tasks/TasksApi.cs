using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Tasks;

/// <summary>
/// User tasks over REST: list, claim, unclaim, complete, delegate, and file a document into the task's Vorgang. Case work; the
/// tenant filter of the data layer scopes everything.
/// </summary>
internal static class TasksApi
{
    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("Prozesse")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        List.Endpoint.Map(api);
        Claim.Endpoint.Map(api);
        Unclaim.Endpoint.Map(api);
        Complete.Endpoint.Map(api);
        Delegate.Endpoint.Map(api);
        AddDokument.Endpoint.Map(api);
        return endpoints;
    }
}
