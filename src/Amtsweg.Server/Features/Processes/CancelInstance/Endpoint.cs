using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.CancelInstance;

/// <summary>
/// <c>POST /api/process-instances/{id}/cancel</c>: cancels a process instance. Leitung, Prozessgestaltung and
/// Administration, who also repair incidents.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/process-instances/{id:guid}/cancel", Cancel).WithName("CancelProcessInstance")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Leitung, Roles.Prozessgestaltung, Roles.Administration));

    private static async Task<Ok<ProcessInstanceInfo>> Cancel(Guid id, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.CancelProcessInstanceAsync(id, user.Identity!.Name, cancellationToken));
}
