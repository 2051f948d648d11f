using System.Security.Claims;
using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Tasks.List;

/// <summary><c>GET /api/tasks</c>: open user tasks, of an instance or an assignee, or by default the user's own.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/tasks", ListTasks).WithName("ListTasks")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    // Without filters: the tasks the user may work on (assigned, or offered to the user or one of the user's roles).
    private static async Task<Ok<IReadOnlyList<UserTaskInfo>>> ListTasks(Guid? processInstanceId, string? assignee, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken)
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
        return TypedResults.Ok<IReadOnlyList<UserTaskInfo>>(mine.Concat(offered).Concat(forRoles).DistinctBy(task => task.Id).OrderBy(task => task.CreatedAt).ToList());
    }
}
