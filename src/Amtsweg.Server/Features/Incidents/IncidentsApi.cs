using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Incidents;

/// <summary>
/// Incidents and jobs of process instances: list the incidents of an instance (case work); list the municipality's
/// incidents and jobs, retry or resolve an incident (Leitung, Prozessgestaltung, Administration). Tenant-scoped like
/// every engine call.
/// </summary>
internal static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("Prozesse")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        List.Endpoint.Map(api);
        var repair = api.MapGroup(string.Empty).RequireAuthorization(policy => policy.RequireRole(Roles.Leitung, Roles.Prozessgestaltung, Roles.Administration));
        Retry.Endpoint.Map(repair);
        Resolve.Endpoint.Map(repair);
        Query.Endpoint.Map(repair);
        Jobs.List.Endpoint.Map(repair);
        return endpoints;
    }
}
