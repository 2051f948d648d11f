using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.Deploy;

/// <summary>
/// <c>POST /api/deployments</c>: deploys BPMN, DMN and form (<c>.form</c>) files as one deployment; the answer lists the
/// process definitions and the forms with their versions. Prozessgestaltung and Administration.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/deployments", Deploy).WithName("CreateDeployment")
            .ProducesProblem(StatusCodes.Status400BadRequest).RequireAuthorization(policy => policy.RequireRole(Roles.Prozessgestaltung, Roles.Administration));

    private static async Task<Results<Created<DeploymentInfo>, ProblemHttpResult>> Deploy(DeployRequest request, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Resources is not { Count: > 0 })
        {
            return ApiErrors.Invalid("engine.deployment-empty", "Die Bereitstellung enthält keine BPMN-Datei.");
        }

        var deployment = await engine.DeployAsync(
            new DeploymentRequest(request.Name, request.Resources.Select(r => new DeploymentResource(r.Name, r.Content)).ToList(), user.Identity!.Name),
            cancellationToken);
        return TypedResults.Created($"/api/process-definitions", deployment);
    }
}
