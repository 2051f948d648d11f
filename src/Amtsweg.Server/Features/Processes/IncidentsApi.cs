using System.Security.Claims;
using System.Text.Json;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes;

/// <summary>What to retry an incident with: new retries for a failed job, and variables that fix the cause.</summary>
public sealed record RetryIncidentBody(int? Retries, Dictionary<string, JsonElement>? Variables);

/// <summary>
/// Incidents and cancellation of process instances: list the incidents of an instance (case work), retry or resolve
/// an incident and cancel an instance (Leitung, Prozessgestaltung, Administration). Tenant-scoped like every engine call.
/// </summary>
internal static class IncidentsApi
{
    public static IEndpointRouteBuilder MapProcessIncidents(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("Prozesse");
        api.MapGet("/process-instances/{id:guid}/incidents", ListIncidents).WithName("ListIncidents");
        var repair = api.MapGroup(string.Empty).RequireAuthorization(policy => policy.RequireRole(Roles.Leitung, Roles.Prozessgestaltung, Roles.Administration));
        repair.MapPost("/incidents/{id:guid}/retry", Retry).WithName("RetryIncident");
        repair.MapPost("/incidents/{id:guid}/resolve", Resolve).WithName("ResolveIncident");
        repair.MapPost("/process-instances/{id:guid}/cancel", Cancel).WithName("CancelProcessInstance");
        return endpoints;
    }

    private static async Task<IResult> ListIncidents(Guid id, IProcessEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.GetIncidentsAsync(id, cancellationToken));

    private static async Task<IResult> Retry(Guid id, RetryIncidentBody? body, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        body?.Retries is < 1
            ? ApiErrors.Invalid("engine.retries-invalid", "Die Zahl der Wiederholungen muss mindestens 1 sein.")
            : TypedResults.Ok(await engine.RetryIncidentAsync(new RetryIncidentRequest(id, body?.Retries, ProcessesApi.ToVariables(body?.Variables), user.Identity!.Name), cancellationToken));

    private static async Task<IResult> Resolve(Guid id, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ResolveIncidentAsync(id, user.Identity!.Name, cancellationToken));

    private static async Task<IResult> Cancel(Guid id, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.CancelProcessInstanceAsync(id, user.Identity!.Name, cancellationToken));
}
