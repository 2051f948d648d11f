using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.BroadcastSignal;

/// <summary>
/// <c>POST /v2/signals/broadcast</c> (scope <c>messages</c>, which covers messages and signals): every signal
/// subscription of the municipality that exists now receives the signal, each instance in its own transaction.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/signals/broadcast", BroadcastAsync).WithName("V2BroadcastSignal")
            .Produces<SignalBroadcastResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> BroadcastAsync(SignalBroadcastRequest request, IProcessEngine engine, ClaimsPrincipal client, CancellationToken cancellationToken)
    {
        var tenantId = AmtswegClaims.TenantOf(client)!.Value;
        if (WorkerApiEndpoints.ForeignTenant(request.TenantId, tenantId) is { } foreign)
        {
            return foreign;
        }

        if (string.IsNullOrWhiteSpace(request.SignalName))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", "Der Name des Signals (signalName) fehlt.");
        }

        var result = await engine.BroadcastSignalAsync(new BroadcastSignalRequest(request.SignalName, ProcessesApi.ToVariables(request.Variables), client.Identity!.Name), cancellationToken);
        return TypedResults.Ok(new SignalBroadcastResult(tenantId.ToString(), result.SignalKey.ToString()));
    }
}
