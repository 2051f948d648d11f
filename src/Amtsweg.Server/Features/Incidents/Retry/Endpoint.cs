using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Incidents.Retry;

/// <summary><c>POST /api/incidents/{id}/retry</c>: runs the failed step again, with new job retries and variables that fix the cause.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder repair) =>
        repair.MapPost("/incidents/{id:guid}/retry", Retry).WithName("RetryIncident")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task<Results<Ok<IncidentInfo>, ProblemHttpResult>> Retry(Guid id, RetryIncidentBody? body, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        body?.Retries is < 1
            ? ApiErrors.Invalid("engine.retries-invalid", "Die Zahl der Wiederholungen muss mindestens 1 sein.")
            : TypedResults.Ok(await engine.RetryIncidentAsync(new RetryIncidentRequest(id, body?.Retries, ProcessesApi.ToVariables(body?.Variables), user.Identity!.Name), cancellationToken));
}
