using System.Security.Claims;
using System.Xml;
using System.Xml.Linq;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.Approvals;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.CreateDeployment;

/// <summary>
/// <c>POST /v2/deployments</c> (multipart/form-data, scope <c>deployments</c>): deploys the uploaded BPMN, DMN and form
/// (<c>.form</c>) files as one deployment, all or nothing; a refused model is 400 <c>engine.deployment-invalid</c> with its
/// problems. The answer lists each process and each form (<c>deployments[].form</c>) in Camunda 8's shape. A municipality
/// that has the Vier-Augen-Prinzip on gets 409 <c>deployment.four-eyes-required</c> and nothing is deployed, as on
/// <c>POST /api/deployments</c>: an API client is no second person.
/// </summary>
internal static class Endpoint
{
    /// <summary>The most bytes of all files of one deployment.</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/deployments", DeployAsync).WithName("V2CreateDeployment")
            .DisableAntiforgery()
            .Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<DeploymentResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> DeployAsync(HttpRequest request, IProcessEngine engine, PlatformDbContext db, TenantContext tenantContext, ClaimsPrincipal client, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", "Die Dateien müssen als multipart/form-data gesendet werden.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var tenantId = AmtswegClaims.TenantOf(client)!.Value;
        if (WorkerApiEndpoints.ForeignTenant(form["tenantId"].FirstOrDefault(), tenantId) is { } foreign)
        {
            return foreign;
        }

        if (form.Files.Count == 0)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "engine.deployment-empty", "Die Bereitstellung enthält keine Datei.");
        }

        if (form.Files.Sum(f => f.Length) > MaxBytes)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "request.too-large", $"Die Dateien sind zusammen größer als {MaxBytes / 1024 / 1024} MB.");
        }

        if (await DeploymentApprovals.IsOnAsync(db, tenantContext, cancellationToken))
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, Processes.Deploy.Endpoint.FourEyesRequired, DeploymentApprovals.ApiRefusal);
        }

        var resources = new List<DeploymentResource>();
        foreach (var file in form.Files)
        {
            using var reader = new StreamReader(file.OpenReadStream());
            resources.Add(new DeploymentResource(file.FileName, await reader.ReadToEndAsync(cancellationToken)));
        }

        var deployment = await engine.DeployAsync(new DeploymentRequest(string.Join(", ", resources.Select(r => r.Name)), resources, client.Identity!.Name), cancellationToken);
        var tenant = tenantId.ToString();
        return TypedResults.Ok(new DeploymentResult(
            deployment.Id.ToString(),
            [
                .. deployment.ProcessDefinitions.Select(d => new DeploymentMetadataResult(
                    new DeploymentProcessResult(d.ProcessId, d.Version, ResourceOf(resources, d.ProcessId), tenant, d.Id.ToString()))),
                .. deployment.Forms.Select(f => new DeploymentMetadataResult(null, new DeploymentFormResult(f.FormId, f.Version, f.Id.ToString(), f.ResourceName, tenant))),
            ],
            tenant));
    }

    // The file that defines a process: the engine reports definitions, the Camunda shape names their file.
    private static string? ResourceOf(IEnumerable<DeploymentResource> resources, string processId)
    {
        foreach (var resource in resources)
        {
            try
            {
                var document = XDocument.Parse(resource.Content);
                if (document.Descendants().Any(e => e.Name.LocalName == "process" && (string?)e.Attribute("id") == processId))
                {
                    return resource.Name;
                }
            }
            catch (XmlException)
            {
                // The engine has accepted the deployment, so every BPMN file parses; a non-XML file is not the one.
            }
        }

        return null;
    }
}
