using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.CompleteJob;

/// <summary><c>POST /v2/jobs/{jobKey}/completion</c>: completes a job the caller holds the lock of (204); 404 unknown, 409 lock lost.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/jobs/{jobKey}/completion", CompleteAsync).WithName("V2CompleteJob")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> CompleteAsync(string jobKey, JobCompletionRequest? request, IExternalJobs jobs, ClaimsPrincipal client, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(jobKey, out var jobId))
        {
            return WorkerApiEndpoints.JobNotFound(jobKey);
        }

        await jobs.CompleteAsync(jobId, WorkerApiEndpoints.LockOwner(client), ProcessesApi.ToVariables(request?.Variables), cancellationToken);
        return TypedResults.NoContent();
    }
}
