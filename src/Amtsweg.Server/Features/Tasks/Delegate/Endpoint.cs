using System.Security.Claims;
using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Tasks.Delegate;

/// <summary>
/// <c>POST /api/tasks/{id}/delegate</c>: the assignee hands the task to a colleague who may work it; Leitung reassigns any
/// task to any user of the municipality. The engine checks the candidate and four-eyes rules against the target's roles.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tasks/{id:guid}/delegate", Delegate).WithName("DelegateTask")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<UserTaskInfo>, ProblemHttpResult>> Delegate(
        Guid id, DelegateTaskRequest? request, IProcessEngine engine, TaskCallers callers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Assignee))
        {
            return (ProblemHttpResult)ApiProblems.Problem(StatusCodes.Status400BadRequest, "engine.task-assignee-missing", "Bitte geben Sie an, wer die Aufgabe übernehmen soll.");
        }

        // The user table is tenant-filtered: a user of another municipality is not found, like one that does not exist.
        var target = await callers.ColleagueAsync(request.Assignee.Trim(), cancellationToken);
        if (target is null)
        {
            return (ProblemHttpResult)ApiProblems.Problem(StatusCodes.Status404NotFound, "engine.task-assignee-unknown", $"Eine Person mit dem Benutzernamen „{request.Assignee.Trim()}“ gibt es in dieser Gemeinde nicht.");
        }

        var delegated = await engine.DelegateUserTaskAsync(id, target, await callers.ForAsync(user, cancellationToken), cancellationToken);
        return TypedResults.Ok(delegated);
    }
}
