using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi;

/// <summary>
/// The worker API under <c>/v2</c>: routes and JSON shapes of the Camunda 8 REST API (v2), for programs signed in as
/// API clients with a bearer token (<see cref="ApiBearerHandler"/>). Each route requires its scope; the tenant is
/// the API client's municipality. Keys are strings (the engine's ids).
/// </summary>
internal static class WorkerApiEndpoints
{
    public static IEndpointRouteBuilder MapWorkerApi(this IEndpointRouteBuilder endpoints)
    {
        var v2 = endpoints.MapGroup(ApiBearerHandler.PathPrefix).WithTags("Worker-API (Camunda 8 REST v2)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        var processInstances = v2.MapGroup("").RequireAuthorization(ApiScopePolicies.For(ApiScopes.ProcessInstances));
        CreateProcessInstance.Endpoint.Map(processInstances);
        EvaluateConditionals.Endpoint.Map(processInstances);
        ActivateAdHocActivities.Endpoint.Map(processInstances);
        SearchElementInstances.Endpoint.Map(processInstances);
        GetElementInstance.Endpoint.Map(processInstances);
        var jobs = v2.MapGroup("").RequireAuthorization(ApiScopePolicies.For(ApiScopes.Jobs));
        ActivateJobs.Endpoint.Map(jobs);
        CompleteJob.Endpoint.Map(jobs);
        FailJob.Endpoint.Map(jobs);
        ThrowJobError.Endpoint.Map(jobs);
        UpdateJob.Endpoint.Map(jobs);
        var messages = v2.MapGroup("").RequireAuthorization(ApiScopePolicies.For(ApiScopes.Messages));
        CorrelateMessage.Endpoint.Map(messages);
        PublishMessage.Endpoint.Map(messages);
        BroadcastSignal.Endpoint.Map(messages);
        CreateDeployment.Endpoint.Map(v2.MapGroup("").RequireAuthorization(ApiScopePolicies.For(ApiScopes.Deployments)));
        return endpoints;
    }

    /// <summary>The lock owner of an API client's jobs: every worker of one client shares it.</summary>
    internal static string LockOwner(System.Security.Claims.ClaimsPrincipal client) => client.Identity!.Name!;

    /// <summary>A job key that names no job of this municipality.</summary>
    internal static IResult JobNotFound(string jobKey) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, ApiProblems.NotFound, $"Der Job {jobKey} wurde nicht gefunden.");

    /// <summary>
    /// The tenant a request names must be the client's own: absent, Camunda's <c>&lt;default&gt;</c> or the
    /// municipality's id. Returns the refusal, or null when it is fine.
    /// </summary>
    internal static IResult? ForeignTenant(string? requested, Guid tenantId) =>
        requested is null || requested == "<default>" || requested == tenantId.ToString()
            ? null
            : ApiProblems.Problem(StatusCodes.Status403Forbidden, "request.tenant-foreign", $"Der API-Client handelt nur für seine eigene Gemeinde, nicht für „{requested}“.");
}
