using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.GetInstance;

/// <summary><c>GET /api/process-instances/{id}</c>: a process instance with its state, active elements and variables.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/process-instances/{id:guid}", GetInstance).WithName("GetProcessInstance")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<ProcessInstanceInfo>> GetInstance(Guid id, IProcessEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.GetProcessInstanceAsync(id, cancellationToken));
}
