using System.Security.Claims;
using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.ChangeTimerDueDate;

/// <summary>
/// <c>POST /api/process-instances/{id}/timers/{elementId}/due-date</c>: a clerk extends (or shortens) a deadline of a
/// running instance; the instance history records the old and the new date, who and why.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/process-instances/{id:guid}/timers/{elementId}/due-date", Change).WithName("ChangeTimerDueDate")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<TimerInfo>, ProblemHttpResult>> Change(
        Guid id, string elementId, ChangeTimerDueDateBody? body, IProcessEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body?.DueAt is not { } dueAt)
        {
            return ApiErrors.Invalid("engine.timer-due-date-missing", "Bitte geben Sie das neue Fälligkeitsdatum an (dueAt).");
        }

        var request = new ChangeTimerDueDateRequest
        {
            ProcessInstanceId = id,
            ElementId = elementId,
            NewDueAt = dueAt,
            UserId = user.Identity!.Name,
            Reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim(),
        };
        return TypedResults.Ok(await engine.ChangeTimerDueDateAsync(request, cancellationToken));
    }
}
