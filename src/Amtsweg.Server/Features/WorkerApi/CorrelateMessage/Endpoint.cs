using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.CorrelateMessage;

/// <summary>
/// <c>POST /v2/messages/correlation</c> (scope <c>messages</c>): delivers a message to the waiting instance or a message
/// start event at once; 404 when nobody waits for it (it is not kept).
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/messages/correlation", CorrelateAsync).WithName("V2CorrelateMessage")
            .Produces<MessageCorrelationResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> CorrelateAsync(MessageCorrelationRequest request, IProcessEngine engine, ClaimsPrincipal client, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = AmtswegClaims.TenantOf(client)!.Value;
        if (WorkerApiEndpoints.ForeignTenant(request.TenantId, tenantId) is { } foreign)
        {
            return foreign;
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", "Der Name der Nachricht (name) fehlt.");
        }

        var result = await engine.CorrelateMessageAsync(
            new CorrelateMessageRequest(request.Name, request.CorrelationKey, ProcessesApi.ToVariables(request.Variables), client.Identity!.Name), cancellationToken);
        if (!result.Correlated)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "engine.message-not-correlated",
                $"Keine Prozessinstanz wartet auf die Nachricht „{request.Name}“ mit diesem Schlüssel, und kein Prozess startet mit ihr.");
        }

        return TypedResults.Ok(new MessageCorrelationResult(tenantId.ToString(), Guid.CreateVersion7(clock.GetUtcNow()).ToString(), result.ProcessInstanceId!.Value.ToString()));
    }
}
