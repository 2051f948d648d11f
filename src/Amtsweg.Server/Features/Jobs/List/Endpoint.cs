using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Jobs.List;

/// <summary>
/// <c>GET /api/jobs?state=Waiting|Locked|Failed&amp;processId=&amp;elementId=&amp;processInstanceId=&amp;skip=&amp;take=</c>: the
/// jobs of the municipality (timers, service tasks, continuations, external jobs, signals), soonest due first, for
/// the operator (Leitung, Prozessgestaltung, Administration); <c>take</c> 1 to 200 (default 50).
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder repair) =>
        repair.MapGet("/jobs", ListJobs).WithName("ListJobs")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<IReadOnlyList<JobInfo>>, ProblemHttpResult>> ListJobs(
        string? state, string? processId, string? elementId, Guid? processInstanceId, int? skip, int? take, IProcessEngine engine, CancellationToken cancellationToken)
    {
        JobState? parsed = null;
        if (state is not null)
        {
            if (!Enum.TryParse<JobState>(state, ignoreCase: true, out var value) || !Enum.IsDefined(value))
            {
                return ApiErrors.Invalid("request.invalid", $"Der Zustand „{state}“ ist unbekannt; erlaubt sind Waiting, Locked und Failed.");
            }

            parsed = value;
        }

        return Paging.Invalid(skip, take) is { } invalid
            ? invalid
            : TypedResults.Ok(await engine.QueryJobsAsync(
                new JobQuery { State = parsed, ProcessId = processId, ElementId = elementId, ProcessInstanceId = processInstanceId, Skip = skip ?? 0, Take = take ?? Paging.DefaultTake }, cancellationToken));
    }
}
