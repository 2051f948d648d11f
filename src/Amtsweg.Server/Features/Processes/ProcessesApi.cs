using System.Security.Claims;
using System.Text.Json;
using Amtsweg.Casework;
using Amtsweg.Engine;
using Amtsweg.Records;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes;

/// <summary>A BPMN file to deploy.</summary>
public sealed record DeployResource(string Name, string Content);

/// <summary>Request to deploy one or more BPMN files as one deployment (all or nothing).</summary>
public sealed record DeployRequest(string Name, IReadOnlyList<DeployResource> Resources);

/// <summary>
/// Request to start a process instance by its process id (latest version). With <paramref name="Vorgang"/> the
/// instance is filed in the e-file: it opens or attaches to that Vorgang and runs under its Aktenzeichen as business
/// key (then no business key may be given).
/// </summary>
public sealed record StartInstanceRequest(string ProcessId, string? BusinessKey, Dictionary<string, JsonElement>? Variables, VorgangTarget? Vorgang = null);

/// <summary>Variables to complete a task with.</summary>
public sealed record CompleteTaskRequest(Dictionary<string, JsonElement>? Variables);

/// <summary>
/// The engine's REST API: deploy, list definitions, start and read instances (with active element ids for the
/// diagram), list, claim, unclaim and complete user tasks. The tenant filter of the data layer scopes everything.
/// </summary>
internal static class ProcessesApi
{
    public static IEndpointRouteBuilder MapProcesses(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("Prozesse");
        api.MapPost("/deployments", Deploy).WithName("Deploy").RequireAuthorization(policy => policy.RequireRole(Roles.Prozessgestaltung, Roles.Administration));
        api.MapGet("/process-definitions", ListDefinitions).WithName("ListProcessDefinitions");
        api.MapPost("/process-instances", StartInstance).WithName("StartProcessInstance");
        api.MapGet("/process-instances/{id:guid}", GetInstance).WithName("GetProcessInstance");
        api.MapGet("/tasks", ListTasks).WithName("ListTasks");
        api.MapPost("/tasks/{id:guid}/claim", Claim).WithName("ClaimTask");
        api.MapPost("/tasks/{id:guid}/unclaim", Unclaim).WithName("UnclaimTask");
        api.MapPost("/tasks/{id:guid}/complete", Complete).WithName("CompleteTask");
        return endpoints;
    }

    private static Task<IResult> Deploy(DeployRequest request, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Run(async () =>
        {
            if (request.Resources is not { Count: > 0 })
            {
                return ApiErrors.Invalid("deployment-empty", "Die Bereitstellung enthält keine BPMN-Datei.");
            }

            var deployment = await engine.DeployAsync(
                new DeploymentRequest(request.Name, request.Resources.Select(r => new DeploymentResource(r.Name, r.Content)).ToList(), user.Identity!.Name),
                cancellationToken);
            return TypedResults.Created($"/api/process-definitions", deployment);
        });

    private static async Task<Ok<IReadOnlyList<ProcessDefinitionInfo>>> ListDefinitions(IProcessEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ListProcessDefinitionsAsync(cancellationToken));

    private static Task<IResult> StartInstance(StartInstanceRequest request, IProcessEngine engine, ProcessFiling filing, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Run(async () =>
        {
            if (request.Vorgang is { } target)
            {
                if (request.BusinessKey is not null)
                {
                    return ApiErrors.Invalid("business-key-with-vorgang", "Ein Prozess in einem Vorgang läuft unter dessen Aktenzeichen; geben Sie keinen eigenen Geschäftsschlüssel an.");
                }

                try
                {
                    var filed = await filing.StartAsync(request.ProcessId, target, ToVariables(request.Variables), user.Identity!.Name!, cancellationToken);
                    return TypedResults.Created($"/api/process-instances/{filed.Instance.Id}", filed.Instance);
                }
                catch (RecordsException error)
                {
                    return RecordsApi.Problem(error);
                }
            }

            var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest
            {
                ProcessId = request.ProcessId,
                BusinessKey = request.BusinessKey,
                Variables = ToVariables(request.Variables),
                UserId = user.Identity!.Name,
            }, cancellationToken);
            return TypedResults.Created($"/api/process-instances/{instance.Id}", instance);
        });

    private static Task<IResult> GetInstance(Guid id, IProcessEngine engine, CancellationToken cancellationToken) =>
        Run(async () => TypedResults.Ok(await engine.GetProcessInstanceAsync(id, cancellationToken)));

    // Without filters: the tasks the user may work on (assigned, or offered to the user or one of the user's roles).
    private static Task<IResult> ListTasks(Guid? processInstanceId, string? assignee, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Run(async () =>
        {
            if (processInstanceId is not null || assignee is not null)
            {
                return TypedResults.Ok(await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = processInstanceId, Assignee = assignee }, cancellationToken));
            }

            var name = user.Identity!.Name!;
            var roles = user.FindAll(ClaimTypes.Role).Select(role => role.Value).ToList();
            var mine = await engine.QueryUserTasksAsync(new UserTaskQuery { Assignee = name }, cancellationToken);
            var offered = await engine.QueryUserTasksAsync(new UserTaskQuery { CandidateUser = name }, cancellationToken);
            var forRoles = await engine.QueryUserTasksAsync(new UserTaskQuery { CandidateGroups = roles }, cancellationToken);
            return TypedResults.Ok(mine.Concat(offered).Concat(forRoles).DistinctBy(task => task.Id).OrderBy(task => task.CreatedAt).ToList());
        });

    private static Task<IResult> Claim(Guid id, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Run(async () => TypedResults.Ok(await engine.ClaimUserTaskAsync(id, user.Identity!.Name!, cancellationToken)));

    private static Task<IResult> Unclaim(Guid id, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Run(async () => TypedResults.Ok(await engine.UnclaimUserTaskAsync(id, user.Identity!.Name!, cancellationToken)));

    // A task of an instance filed in a Vorgang files the submitted data there, in the same transaction (ADR 0015).
    private static Task<IResult> Complete(Guid id, CompleteTaskRequest? request, FormSubmissionFiling filing, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Run(async () =>
        {
            try
            {
                await filing.CompleteAsync(id, ToVariables(request?.Variables), user.Identity!.Name!, cancellationToken);
                return TypedResults.NoContent();
            }
            catch (RecordsException error)
            {
                return RecordsApi.Problem(error);
            }
        });

    internal static Dictionary<string, object?>? ToVariables(Dictionary<string, JsonElement>? variables) =>
        variables?.ToDictionary(pair => pair.Key, pair => (object?)System.Text.Json.Nodes.JsonNode.Parse(pair.Value.GetRawText()));

    // The engine's exceptions as problem details; its messages name the element concerned.
    internal static async Task<IResult> Run(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (EngineObjectNotFoundException)
        {
            return ApiErrors.NotFound("Der Eintrag");
        }
        catch (DeploymentFailedException error)
        {
            var problems = error.Problems.Select(p => $"{p.Resource}: {p.Problem.MessageGerman} ({p.Problem.Code}, {p.Problem.ElementId}, Zeile {p.Problem.Line})");
            return ApiErrors.Invalid("deployment-invalid", "Die Bereitstellung ist nicht ausführbar: " + string.Join(" | ", problems));
        }
        catch (ConcurrentModificationException)
        {
            return ApiErrors.Conflict("concurrent-modification", "Der Eintrag wurde gerade von jemand anderem geändert. Bitte laden Sie ihn neu.");
        }
        catch (InvalidEngineStateException error)
        {
            return ApiErrors.Conflict("invalid-state", error.Message);
        }
        catch (ProcessIncidentException error)
        {
            return IncidentsApi.Conflict(error);
        }
    }
}
