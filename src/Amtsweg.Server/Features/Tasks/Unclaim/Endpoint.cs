using System.Security.Claims;
using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Tasks.Unclaim;

/// <summary><c>POST /api/tasks/{id}/unclaim</c>: gives a claimed task back to its candidates.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tasks/{id:guid}/unclaim", Unclaim).WithName("UnclaimTask")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<UserTaskInfo>> Unclaim(Guid id, IProcessEngine engine, TaskCallers callers, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.UnclaimUserTaskAsync(id, await callers.ForAsync(user, cancellationToken), cancellationToken));
}
