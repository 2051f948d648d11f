using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.GetInstance;

/// <summary><c>GET /api/process-instances/{id}</c>: a process instance with its state, active elements and variables.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/process-instances/{id:guid}", GetInstance).WithName("GetProcessInstance");

    private static async Task<IResult> GetInstance(Guid id, IProcessEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.GetProcessInstanceAsync(id, cancellationToken));
}
