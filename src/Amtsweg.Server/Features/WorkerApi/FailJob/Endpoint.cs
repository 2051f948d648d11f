using System.Security.Claims;
using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.FailJob;

/// <summary>
/// <c>POST /v2/jobs/{jobKey}/failure</c>: the worker reports a failed attempt with the retries left (0 raises an
/// incident) and a back-off before the job is offered again (204); 404 unknown, 409 lock lost.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/jobs/{jobKey}/failure", FailAsync).WithName("V2FailJob")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> FailAsync(string jobKey, JobFailRequest request, IExternalJobs jobs, ClaimsPrincipal client, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(jobKey, out var jobId))
        {
            return WorkerApiEndpoints.JobNotFound(jobKey);
        }

        if (request.Retries < 0 || request.RetryBackOff < 0)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", "retries und retryBackOff dürfen nicht negativ sein.");
        }

        await jobs.FailAsync(new ExternalJobFailure(jobId, WorkerApiEndpoints.LockOwner(client), request.Retries, request.ErrorMessage,
            TimeSpan.FromMilliseconds(request.RetryBackOff ?? 0)), cancellationToken);
        return TypedResults.NoContent();
    }
}
