using System.Security.Claims;
using Amtsweg.Casework;
using Amtsweg.Server.Features.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Tasks.Complete;

/// <summary><c>POST /api/tasks/{id}/complete</c>: completes a task with variables.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tasks/{id:guid}/complete", Complete).WithName("CompleteTask")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    // A task of an instance filed in a Vorgang files the submitted data there, in the same transaction (ADR 0015).
    private static async Task<NoContent> Complete(Guid id, CompleteTaskRequest? request, FormSubmissionFiling filing, TaskCallers callers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await filing.CompleteAsync(id, ProcessesApi.ToVariables(request?.Variables), await callers.ForAsync(user, cancellationToken), cancellationToken);
        return TypedResults.NoContent();
    }
}
