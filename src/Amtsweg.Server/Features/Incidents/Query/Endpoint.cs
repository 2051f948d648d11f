using Amtsweg.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Incidents.Query;

/// <summary>
/// <c>GET /api/incidents?open=&amp;processId=&amp;elementId=&amp;skip=&amp;take=</c>: the incidents of the municipality, newest
/// first, for whoever repairs them (Leitung, Prozessgestaltung, Administration); <c>take</c> 1 to 200 (default 50).
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder repair) =>
        repair.MapGet("/incidents", QueryIncidents).WithName("QueryIncidents")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<IReadOnlyList<IncidentInfo>>, ProblemHttpResult>> QueryIncidents(
        bool? open, string? processId, string? elementId, int? skip, int? take, IProcessEngine engine, CancellationToken cancellationToken) =>
        Paging.Invalid(skip, take) is { } invalid
            ? invalid
            : TypedResults.Ok(await engine.QueryIncidentsAsync(
                new IncidentQuery { Open = open, ProcessId = processId, ElementId = elementId, Skip = skip ?? 0, Take = take ?? Paging.DefaultTake }, cancellationToken));
}
