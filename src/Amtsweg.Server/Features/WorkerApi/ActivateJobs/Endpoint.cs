using System.Diagnostics;
using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.ActivateJobs;

/// <summary>
/// <c>POST /v2/jobs/activation</c>: locks up to <c>maxJobsToActivate</c> jobs of a type for the worker for
/// <c>timeout</c> ms. With <c>requestTimeout</c> (ms, at most 60 s) the request waits (long polling) until jobs are there,
/// checking every <see cref="PollInterval"/>; without it, it answers at once.
/// </summary>
internal static class Endpoint
{
    /// <summary>How often a waiting activation looks for new jobs.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromSeconds(60);

    public static void Map(RouteGroupBuilder v2) =>
        v2.MapPost("/jobs/activation", ActivateAsync).WithName("V2ActivateJobs")
            .Produces<JobActivationResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> ActivateAsync(JobActivationRequest request, IExternalJobs jobs, JobWakeUp wakeUp, ClaimsPrincipal client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Type) || request.Timeout <= 0 || request.MaxJobsToActivate <= 0 || request.MaxJobsToActivate > 1000)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "request.invalid",
                "type fehlt, oder timeout (ms) bzw. maxJobsToActivate (1 bis 1000) ist nicht positiv.");
        }

        var tenantId = AmtswegClaims.TenantOf(client)!.Value;
        foreach (var requested in request.TenantIds ?? [])
        {
            if (WorkerApiEndpoints.ForeignTenant(requested, tenantId) is { } foreign)
            {
                return foreign;
            }
        }

        var activation = new ExternalJobActivation(request.Type, WorkerApiEndpoints.LockOwner(client), request.Worker ?? "", TimeSpan.FromMilliseconds(request.Timeout),
            request.MaxJobsToActivate, request.FetchVariable);
        var wait = TimeSpan.FromMilliseconds(Math.Clamp(request.RequestTimeout ?? 0, 0, MaxRequestTimeout.TotalMilliseconds));
        var waited = Stopwatch.StartNew();
        while (true)
        {
            // Taken before looking: a job committed while this request looks completes it, so the wait below ends at once.
            var created = wakeUp.ExternalJobs;
            IReadOnlyList<ActivatedExternalJob> activated;
            try
            {
                activated = await jobs.ActivateAsync(activation, cancellationToken);
            }
            catch (ConcurrentModificationException)
            {
                // Another worker locked one of the jobs at the same moment: look again.
                continue;
            }

            if (activated.Count > 0 || waited.Elapsed >= wait)
            {
                return TypedResults.Ok(new JobActivationResult([.. activated.Select(job => Result(job))]));
            }

            // Woken when this server process commits an external job; the poll finds jobs created by other server
            // processes. The wait is transport time, not process time: it runs on the real clock.
            await Task.WhenAny(created, Task.Delay(PollInterval < wait - waited.Elapsed ? PollInterval : wait - waited.Elapsed, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static ActivatedJobResult Result(ActivatedExternalJob job) => new(
        job.JobType, job.ProcessId, job.ProcessDefinitionVersion, job.ElementId, job.Headers, job.Worker, job.Retries,
        job.LockExpiresAt.ToUnixTimeMilliseconds(), job.Variables, job.TenantId.ToString(), job.JobId.ToString(), job.ProcessInstanceId.ToString(),
        job.ProcessDefinitionId.ToString(), job.ExecutionId.ToString());
}
