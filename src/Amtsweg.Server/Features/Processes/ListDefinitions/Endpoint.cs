using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.ListDefinitions;

/// <summary><c>GET /api/process-definitions</c>: every deployed version of every process.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/process-definitions", ListDefinitions).WithName("ListProcessDefinitions");

    private static async Task<Ok<IReadOnlyList<ProcessDefinitionInfo>>> ListDefinitions(IProcessEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ListProcessDefinitionsAsync(cancellationToken));
}
