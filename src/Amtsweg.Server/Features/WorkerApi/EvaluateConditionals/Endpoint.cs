using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.EvaluateConditionals;

/// <summary>
/// <c>POST /v2/conditionals/evaluation</c> (Camunda 8.9, scope <c>process-instances</c>, since it starts instances):
/// every process of the municipality (or the one named by <c>processDefinitionKey</c>) whose conditional start event's
/// condition holds for the given variables starts an instance with them.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/conditionals/evaluation", EvaluateAsync).WithName("V2EvaluateConditionals")
            .Produces<EvaluateConditionalResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> EvaluateAsync(ConditionalEvaluationInstruction request, IProcessEngine engine, ClaimsPrincipal client, CancellationToken cancellationToken)
    {
        var tenantId = AmtswegClaims.TenantOf(client)!.Value;
        if (WorkerApiEndpoints.ForeignTenant(request.TenantId, tenantId) is { } foreign)
        {
            return foreign;
        }

        if (request.Variables is null)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", "Die Variablen (variables) fehlen; die Bedingungen werden mit ihnen ausgewertet.");
        }

        Guid? definitionId = null;
        if (request.ProcessDefinitionKey is { } key)
        {
            var definitions = await engine.ListProcessDefinitionsAsync(cancellationToken);
            definitionId = Guid.TryParse(key, out var id) && definitions.Any(d => d.Id == id)
                ? id
                : null;
            if (definitionId is null)
            {
                return ApiProblems.Problem(StatusCodes.Status404NotFound, ApiProblems.NotFound, "Die Prozessdefinition wurde nicht gefunden.");
            }
        }

        var result = await engine.EvaluateConditionalStartEventsAsync(
            new EvaluateConditionalStartEventsRequest(ProcessesApi.ToVariables(request.Variables), definitionId, client.Identity!.Name), cancellationToken);
        return TypedResults.Ok(new EvaluateConditionalResult(
            result.EvaluationKey.ToString(),
            tenantId.ToString(),
            [.. result.ProcessInstances.Select(p => new ProcessInstanceReference(p.ProcessDefinitionId.ToString(), p.ProcessInstanceId.ToString()))]));
    }
}
