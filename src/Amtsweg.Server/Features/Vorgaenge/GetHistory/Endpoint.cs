using System.Security.Claims;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Vorgaenge.GetHistory;

/// <summary><c>GET /api/vorgaenge/{id}/history</c>: the history of each process instance of a Vorgang.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/vorgaenge/{id:guid}/history", GetHistory).WithName("GetVorgangHistory")
            .ProducesProblem(StatusCodes.Status404NotFound);

    // Art. 18 DSGVO: the values of a restricted Vorgang's processes are hidden, except from the data-protection role.
    private static async Task<Results<Ok<List<ProcessHistoryResponse>>, ProblemHttpResult>> GetHistory(Guid id, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct) =>
        await reader.VorgangAsync(id, ct) is null ? ApiErrors.NotFound("Der Vorgang") : TypedResults.Ok(await reader.HistoryAsync(id, user.IsInRole(Roles.Administration), ct));
}
