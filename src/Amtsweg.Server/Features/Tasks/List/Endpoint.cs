using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Tasks.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Tasks.List;

/// <summary>
/// <c>GET /api/tasks</c>: open user tasks, of an instance or an assignee; without either, what the user's inbox lists
/// under "Meine Aufgaben" and "Angeboten" (<see cref="MyTasks"/>, one source of truth): the tasks assigned to the user,
/// the unassigned tasks offered to the user, one of the user's groups or every clerk, and during a Vertretung the same
/// for the absent colleagues the user stands in for; the oldest first.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/tasks", ListTasks).WithName("ListTasks")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Ok<IReadOnlyList<UserTaskInfo>>> ListTasks(Guid? processInstanceId, string? assignee, IProcessEngine engine, TaskCallers callers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (processInstanceId is not null || assignee is not null)
        {
            return TypedResults.Ok(await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = processInstanceId, Assignee = assignee }, cancellationToken));
        }

        // Assigned and offered tasks exclude each other (offered ones have no assignee): no task comes twice.
        var caller = await callers.ForAsync(user, cancellationToken);
        var mine = await engine.PageUserTasksAsync(MyTasks.Assigned(caller) with { Sort = UserTaskSort.Oldest, Take = int.MaxValue }, cancellationToken);
        var offered = await engine.PageUserTasksAsync(MyTasks.Offered(caller) with { Sort = UserTaskSort.Oldest, Take = int.MaxValue }, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<UserTaskInfo>>([.. mine.Tasks.Concat(offered.Tasks).OrderBy(task => task.CreatedAt).ThenBy(task => task.Id)]);
    }
}
