using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.CreateProcessInstance;

/// <summary><c>POST /v2/process-instances</c>: starts a process instance (scope <c>process-instances</c>).</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/process-instances", CreateAsync).WithName("V2CreateProcessInstance")
            .Produces<CreateProcessInstanceResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> CreateAsync(CreateProcessInstanceRequest request, IProcessEngine engine, ClaimsPrincipal client, CancellationToken cancellationToken)
    {
        var tenantId = AmtswegClaims.TenantOf(client)!.Value;
        if (WorkerApiEndpoints.ForeignTenant(request.TenantId, tenantId) is { } foreign)
        {
            return foreign;
        }

        var definitions = await engine.ListProcessDefinitionsAsync(cancellationToken);
        ProcessDefinitionInfo? definition;
        if (request.ProcessDefinitionKey is { } key)
        {
            definition = Guid.TryParse(key, out var id) ? definitions.FirstOrDefault(d => d.Id == id) : null;
        }
        else if (!string.IsNullOrWhiteSpace(request.ProcessDefinitionId))
        {
            var versions = definitions.Where(d => d.ProcessId == request.ProcessDefinitionId);
            definition = request.ProcessDefinitionVersion is { } version and not -1
                ? versions.FirstOrDefault(d => d.Version == version)
                : versions.MaxBy(d => d.Version);
        }
        else
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", "Es fehlt processDefinitionId oder processDefinitionKey.");
        }

        if (definition is null)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, ApiProblems.NotFound, "Die Prozessdefinition wurde nicht gefunden.");
        }

        var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest
        {
            ProcessDefinitionId = definition.Id,
            Variables = ProcessesApi.ToVariables(request.Variables),
            UserId = client.Identity!.Name,
        }, cancellationToken);
        return TypedResults.Ok(new CreateProcessInstanceResult(
            definition.Id.ToString(), definition.ProcessId, definition.Version, tenantId.ToString(), instance.Variables, instance.Id.ToString()));
    }
}
