using System.Security.Claims;
using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Incidents.Resolve;

/// <summary><c>POST /api/incidents/{id}/resolve</c>: marks an open incident resolved without running anything (an incident of a failed job is retried instead).</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder repair) =>
        repair.MapPost("/incidents/{id:guid}/resolve", Resolve).WithName("ResolveIncident")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<IncidentInfo>> Resolve(Guid id, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ResolveIncidentAsync(id, user.Identity!.Name, cancellationToken));
}
