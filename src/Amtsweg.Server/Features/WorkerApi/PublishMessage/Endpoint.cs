using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.PublishMessage;

/// <summary>
/// <c>POST /v2/messages/publication</c> (scope <c>messages</c>): publishes a message that is correlated at once where a
/// subscription waits, and kept for <c>timeToLive</c> milliseconds for subscriptions that open later. Unlike the
/// correlation route it does not fail when nobody waits. A repeated <c>messageId</c> while the first message lives
/// is refused with 409.
/// </summary>
internal static class Endpoint
{
    /// <summary>The longest time to live accepted: 30 days (a message is a notice, not a store).</summary>
    private static readonly TimeSpan MaxTimeToLive = TimeSpan.FromDays(30);

    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/messages/publication", PublishAsync).WithName("V2PublishMessage")
            .Produces<MessagePublicationResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> PublishAsync(MessagePublicationRequest request, IProcessEngine engine, ClaimsPrincipal client, CancellationToken cancellationToken)
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

        var timeToLive = TimeSpan.FromMilliseconds(request.TimeToLive ?? 0);
        if (request.TimeToLive < 0 || timeToLive > MaxTimeToLive)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid",
                $"Die Lebensdauer der Nachricht (timeToLive, in Millisekunden) muss zwischen 0 und {(long)MaxTimeToLive.TotalMilliseconds} (30 Tage) liegen, war aber {request.TimeToLive}.");
        }

        var result = await engine.PublishMessageAsync(
            new PublishMessageRequest(request.Name, request.CorrelationKey, timeToLive, request.MessageId, ProcessesApi.ToVariables(request.Variables), client.Identity!.Name),
            cancellationToken);
        return TypedResults.Ok(new MessagePublicationResult(tenantId.ToString(), result.MessageKey.ToString()));
    }
}
