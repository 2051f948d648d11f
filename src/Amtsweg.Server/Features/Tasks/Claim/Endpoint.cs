using System.Security.Claims;
using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Tasks.Claim;

/// <summary><c>POST /api/tasks/{id}/claim</c>: assigns an open task to the user.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) => api.MapPost("/tasks/{id:guid}/claim", Claim).WithName("ClaimTask");

    private static async Task<IResult> Claim(Guid id, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ClaimUserTaskAsync(id, user.Identity!.Name!, cancellationToken));
}
