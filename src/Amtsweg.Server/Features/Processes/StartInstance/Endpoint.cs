using System.Security.Claims;
using Amtsweg.Casework;
using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.StartInstance;

/// <summary><c>POST /api/process-instances</c>: starts a process instance, filed in a Vorgang when one is given.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/process-instances", StartInstance).WithName("StartProcessInstance")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task<Results<Created<ProcessInstanceInfo>, ProblemHttpResult>> StartInstance(StartInstanceRequest request, IProcessEngine engine, ProcessFiling filing, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Vorgang is { } target)
        {
            if (request.BusinessKey is not null)
            {
                return ApiErrors.Invalid("casework.business-key-with-vorgang", "Ein Prozess in einem Vorgang läuft unter dessen Aktenzeichen; geben Sie keinen eigenen Geschäftsschlüssel an.");
            }

            var filed = await filing.StartAsync(request.ProcessId, target, ProcessesApi.ToVariables(request.Variables), user.Identity!.Name!, cancellationToken);
            return TypedResults.Created($"/api/process-instances/{filed.Instance.Id}", filed.Instance);
        }

        var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest
        {
            ProcessId = request.ProcessId,
            BusinessKey = request.BusinessKey,
            Variables = ProcessesApi.ToVariables(request.Variables),
            UserId = user.Identity!.Name,
        }, cancellationToken);
        return TypedResults.Created($"/api/process-instances/{instance.Id}", instance);
    }
}
