using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.ListInstances;

/// <summary>
/// <c>GET /api/process-instances?processId=&amp;state=Active|Completed|Canceled|Incident&amp;businessKey=&amp;startedFrom=&amp;startedBefore=&amp;hasIncident=&amp;skip=&amp;take=</c>:
/// the process instances of the municipality, newest start first, without variables, for the operator (Leitung,
/// Prozessgestaltung, Administration); <c>take</c> 1 to 200 (default 50).
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder repair) =>
        repair.MapGet("/process-instances", ListInstances).WithName("ListProcessInstances")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<IReadOnlyList<ProcessInstanceSummary>>, ProblemHttpResult>> ListInstances(
        string? processId, string? state, string? businessKey, DateTimeOffset? startedFrom, DateTimeOffset? startedBefore, bool? hasIncident, int? skip, int? take,
        IProcessEngine engine, CancellationToken cancellationToken)
    {
        var query = new ProcessInstanceQuery
        {
            ProcessId = processId,
            BusinessKey = businessKey,
            StartedFrom = startedFrom,
            StartedBefore = startedBefore,
            HasIncident = hasIncident,
            Skip = skip ?? 0,
            Take = take ?? Paging.DefaultTake,
        };
        if (InstanceStateFilter.Apply(state, query, out query) is { } refused)
        {
            return ApiErrors.Invalid("request.invalid", refused);
        }

        if (startedFrom > startedBefore)
        {
            return ApiErrors.Invalid("request.invalid", "startedFrom muss vor startedBefore liegen.");
        }

        return Paging.Invalid(skip, take) is { } invalid
            ? invalid
            : TypedResults.Ok(await engine.QueryProcessInstancesAsync(query, cancellationToken));
    }
}
