using System.Security.Claims;
using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Tasks.Claim;

/// <summary><c>POST /api/tasks/{id}/claim</c>: assigns an open task to the user.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tasks/{id:guid}/claim", Claim).WithName("ClaimTask")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<UserTaskInfo>> Claim(Guid id, IProcessEngine engine, TaskCallers callers, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ClaimUserTaskAsync(id, await callers.ForAsync(user, cancellationToken), cancellationToken));
}
