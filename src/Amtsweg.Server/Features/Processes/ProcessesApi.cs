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
        api.MapPost("/deployments", Deploy).WithName("CreateDeployment").RequireAuthorization(policy => policy.RequireRole(Roles.Prozessgestaltung, Roles.Administration));
        api.MapGet("/process-definitions", ListDefinitions).WithName("ListProcessDefinitions");
        api.MapPost("/process-instances", StartInstance).WithName("StartProcessInstance");
        api.MapGet("/process-instances/{id:guid}", GetInstance).WithName("GetProcessInstance");
        api.MapGet("/tasks", ListTasks).WithName("ListTasks");
        api.MapPost("/tasks/{id:guid}/claim", Claim).WithName("ClaimTask");
        api.MapPost("/tasks/{id:guid}/unclaim", Unclaim).WithName("UnclaimTask");
        api.MapPost("/tasks/{id:guid}/complete", Complete).WithName("CompleteTask");
        return endpoints;
    }

    private static async Task<IResult> Deploy(DeployRequest request, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Resources is not { Count: > 0 })
        {
            return ApiErrors.Invalid("engine.deployment-empty", "Die Bereitstellung enthält keine BPMN-Datei.");
        }

        var deployment = await engine.DeployAsync(
            new DeploymentRequest(request.Name, request.Resources.Select(r => new DeploymentResource(r.Name, r.Content)).ToList(), user.Identity!.Name),
            cancellationToken);
        return TypedResults.Created($"/api/process-definitions", deployment);
    }

    private static async Task<Ok<IReadOnlyList<ProcessDefinitionInfo>>> ListDefinitions(IProcessEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ListProcessDefinitionsAsync(cancellationToken));

    private static async Task<IResult> StartInstance(StartInstanceRequest request, IProcessEngine engine, ProcessFiling filing, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Vorgang is { } target)
        {
            if (request.BusinessKey is not null)
            {
                return ApiErrors.Invalid("casework.business-key-with-vorgang", "Ein Prozess in einem Vorgang läuft unter dessen Aktenzeichen; geben Sie keinen eigenen Geschäftsschlüssel an.");
            }

            var filed = await filing.StartAsync(request.ProcessId, target, ToVariables(request.Variables), user.Identity!.Name!, cancellationToken);
            return TypedResults.Created($"/api/process-instances/{filed.Instance.Id}", filed.Instance);
        }

        var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest
        {
            ProcessId = request.ProcessId,
            BusinessKey = request.BusinessKey,
            Variables = ToVariables(request.Variables),
            UserId = user.Identity!.Name,
        }, cancellationToken);
        return TypedResults.Created($"/api/process-instances/{instance.Id}", instance);
    }

    // Art. 18 DSGVO: the variables of an instance in a restricted Vorgang are hidden, except from the data-protection role.
    private static async Task<IResult> GetInstance(Guid id, IProcessEngine engine, RecordsReader reader, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.ProcessInstanceAsync(await engine.GetProcessInstanceAsync(id, cancellationToken), user.IsInRole(Roles.Administration), cancellationToken));

    // Without filters: the tasks the user may work on (assigned, or offered to the user or one of the user's roles).
    private static async Task<IResult> ListTasks(Guid? processInstanceId, string? assignee, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken)
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
    }

    private static async Task<IResult> Claim(Guid id, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ClaimUserTaskAsync(id, user.Identity!.Name!, cancellationToken));

    private static async Task<IResult> Unclaim(Guid id, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.UnclaimUserTaskAsync(id, user.Identity!.Name!, cancellationToken));

    // A task of an instance filed in a Vorgang files the submitted data there, in the same transaction (ADR 0015).
    private static async Task<IResult> Complete(Guid id, CompleteTaskRequest? request, FormSubmissionFiling filing, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await filing.CompleteAsync(id, ToVariables(request?.Variables), user.Identity!.Name!, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static Dictionary<string, object?>? ToVariables(Dictionary<string, JsonElement>? variables)
    {
        foreach (var (name, value) in variables ?? [])
        {
            CheckStorable(name, value);
        }

        return variables?.ToDictionary(pair => pair.Key, pair => (object?)System.Text.Json.Nodes.JsonNode.Parse(pair.Value.GetRawText()));
    }

    // The digits of a JSON number without sign, point, exponent and the zeros that carry no value.
    private static int SignificantDigits(string number)
    {
        var mantissa = number.Split('e', 'E')[0].TrimStart('-', '+');
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        return (mantissa.Contains('.', StringComparison.Ordinal) ? digits : digits.TrimEnd('0')).Length;
    }

    // JSON allows what the engine cannot store exactly: a lone UTF-16 surrogate ("\ud800") and numbers beyond FEEL's
    // decimal range. Both are refused here, before anything changes, instead of failing deep inside the engine.
    private static void CheckStorable(string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    CheckStorable(name, property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    CheckStorable(name, item);
                }

                break;
            case JsonValueKind.String:
                try
                {
                    value.GetString();
                }
                catch (InvalidOperationException error)
                {
                    throw new InvalidVariableException(InvalidVariableException.Invalid, $"Die Variable „{name}“ enthält ein ungültiges Zeichen (ein halbes UTF-16-Zeichenpaar).", error);
                }

                break;
            case JsonValueKind.Number when !Amtsweg.Feel.FeelNumber.TryParse(value.GetRawText(), out _) || SignificantDigits(value.GetRawText()) > Amtsweg.Feel.FeelNumber.Precision:
                throw new InvalidVariableException(InvalidVariableException.Invalid,
                    $"Die Zahl {value.GetRawText()} in der Variable „{name}“ kann nicht genau gespeichert werden (höchstens {Amtsweg.Feel.FeelNumber.Precision} Stellen).");
        }
    }
}
