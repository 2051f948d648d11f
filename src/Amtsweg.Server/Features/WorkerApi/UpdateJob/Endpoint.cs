using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.UpdateJob;

/// <summary><c>PATCH /v2/jobs/{jobKey}</c>: changes a job's retries and/or extends its lock (204).</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPatch("/jobs/{jobKey}", UpdateAsync).WithName("V2UpdateJob")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> UpdateAsync(string jobKey, JobUpdateRequest request, IExternalJobs jobs, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(jobKey, out var jobId))
        {
            return WorkerApiEndpoints.JobNotFound(jobKey);
        }

        if (request.Changeset is not { } changes || (changes.Retries is null && changes.Timeout is null) || changes.Retries < 0 || changes.Timeout <= 0)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", "changeset braucht retries (ab 0) oder timeout (ms, positiv).");
        }

        await jobs.UpdateAsync(jobId, changes.Retries, changes.Timeout is { } ms ? TimeSpan.FromMilliseconds(ms) : null, cancellationToken);
        return TypedResults.NoContent();
    }
}
