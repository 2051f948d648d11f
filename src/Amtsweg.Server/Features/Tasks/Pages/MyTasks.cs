using System.Security.Claims;
using Amtsweg.Engine;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Tasks.Pages;

/// <summary>
/// The tasks that are the user's to do: assigned to the user or, during an absence, to a colleague the user stands in
/// for (Vertretung); and those offered to either. The inbox lists them; the navigation shows how many are assigned.
/// </summary>
public sealed class MyTasks(IProcessEngine engine, TaskCallers callers, ILogger<MyTasks> logger)
{
    /// <summary>The tasks assigned to <paramref name="caller"/> or to someone they stand in for.</summary>
    public static UserTaskPageQuery Assigned(TaskCaller caller) => new() { AssignedTo = [.. People(caller).Select(p => p.UserId)] };

    /// <summary>The unassigned tasks offered to <paramref name="caller"/> or to someone they stand in for.</summary>
    public static UserTaskPageQuery Offered(TaskCaller caller) => new() { OfferedTo = People(caller) };

    // Scoped, so one request: the inbox counts the assigned tasks for its tab, the layout shows the same number.
    private (ClaimsPrincipal User, int Count)? _assigned;

    /// <summary>Keeps how many tasks are assigned to <paramref name="user"/>, counted by the page, for the rest of the request.</summary>
    public void Remember(ClaimsPrincipal user, int assignedCount) => _assigned = (user, assignedCount);

    /// <summary>
    /// How many open tasks are assigned to the user (and to colleagues they stand in for), or null when the engine
    /// cannot say; counted once per request (<see cref="Remember"/>).
    /// </summary>
    public async Task<int?> CountAssignedAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (_assigned is { } known && ReferenceEquals(known.User, user))
        {
            return known.Count;
        }

        try
        {
            var caller = await callers.ForAsync(user, cancellationToken);
            var count = (await engine.PageUserTasksAsync(Assigned(caller) with { Take = 0 }, cancellationToken)).Total;
            _assigned = (user, count);
            return count;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A number in the navigation must not break the page it is on, an error page least of all.
            logger.LogWarning(error, "Counting the open tasks of {User} for the navigation failed", user.Identity?.Name);
            return null;
        }
    }

    private static IReadOnlyList<TaskCaller> People(TaskCaller caller) => [caller, .. caller.Represents];
}
