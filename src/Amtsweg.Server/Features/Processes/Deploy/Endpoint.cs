using System.Security.Claims;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.Approvals;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.Deploy;

/// <summary>
/// <c>POST /api/deployments</c>: deploys BPMN, DMN and form (<c>.form</c>) files as one deployment; the answer lists the
/// process definitions and the forms with their versions. Prozessgestaltung and Administration. A municipality that has
/// the Vier-Augen-Prinzip on gets 409 <see cref="FourEyesRequired"/> and nothing is deployed: its versions go live only
/// through a request that a second person approves (<see cref="DeploymentApprovals"/>), which this route cannot make.
/// </summary>
internal static class Endpoint
{
    /// <summary>The error code of a deployment refused because the municipality deploys only after a second person's approval.</summary>
    public const string FourEyesRequired = "deployment.four-eyes-required";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/deployments", Deploy).WithName("CreateDeployment")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Prozessgestaltung, Roles.Administration));

    private static async Task<Results<Created<DeploymentInfo>, ProblemHttpResult>> Deploy(
        DeployRequest request, IProcessEngine engine, PlatformDbContext db, TenantContext tenant, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Resources is not { Count: > 0 })
        {
            return ApiErrors.Invalid("engine.deployment-empty", "Die Bereitstellung enthält keine BPMN-Datei.");
        }

        if (await DeploymentApprovals.IsOnAsync(db, tenant, cancellationToken))
        {
            return ApiErrors.Conflict(FourEyesRequired, DeploymentApprovals.ApiRefusal);
        }

        var deployment = await engine.DeployAsync(
            new DeploymentRequest(request.Name, request.Resources.Select(r => new DeploymentResource(r.Name, r.Content)).ToList(), user.Identity!.Name),
            cancellationToken);
        return TypedResults.Created($"/api/process-definitions", deployment);
    }
}
