using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Incidents.List;

/// <summary><c>GET /api/process-instances/{id}/incidents</c>: the incidents of a process instance.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/process-instances/{id:guid}/incidents", ListIncidents).WithName("ListIncidents")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<IReadOnlyList<IncidentInfo>>> ListIncidents(Guid id, IProcessEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.GetIncidentsAsync(id, cancellationToken));
}
