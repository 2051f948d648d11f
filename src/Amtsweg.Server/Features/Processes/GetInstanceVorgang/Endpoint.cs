using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Processes.GetInstanceVorgang;

/// <summary><c>GET /api/process-instances/{id}/vorgang</c>: the Vorgang a process instance is filed in.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/process-instances/{id:guid}/vorgang", VorgangOfInstance).WithName("GetVorgangOfProcessInstance")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<VorgangResponse>, ProblemHttpResult>> VorgangOfInstance(Guid id, RecordsReader reader, CancellationToken ct) =>
        await reader.VorgangOfInstanceAsync(id, ct) is { } vorgangId
            ? TypedResults.Ok((await reader.VorgangAsync(vorgangId, ct))!)
            : ApiErrors.NotFound("Der Vorgang der Prozessinstanz");
}
