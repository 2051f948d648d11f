using System.Security.Claims;
using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.ThrowJobError;

/// <summary>
/// <c>POST /v2/jobs/{jobKey}/error</c>: throws a BPMN error at the job's task (204). An error boundary event or
/// error event sub-process catches it; uncaught, the job stops with an incident (still 204, as in Camunda).
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/jobs/{jobKey}/error", ThrowAsync).WithName("V2ThrowJobError")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> ThrowAsync(string jobKey, JobErrorRequest request, IExternalJobs jobs, ClaimsPrincipal client, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(jobKey, out var jobId))
        {
            return WorkerApiEndpoints.JobNotFound(jobKey);
        }

        if (string.IsNullOrWhiteSpace(request.ErrorCode))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid", "errorCode fehlt.");
        }

        try
        {
            await jobs.ThrowErrorAsync(jobId, WorkerApiEndpoints.LockOwner(client), request.ErrorCode, request.ErrorMessage, cancellationToken);
        }
        catch (ProcessIncidentException)
        {
            // Nobody catches the error: the incident is recorded, the worker's call itself succeeded.
        }

        return TypedResults.NoContent();
    }
}
