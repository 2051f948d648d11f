using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Vorgaenge.List;

/// <summary><c>GET /api/vorgaenge</c>: Vorgänge, newest first, filtered by state, Aktenplan position or Akte.</summary>
internal static class Endpoint
{
    /// <summary>The most Vorgänge one list answers.</summary>
    public const int MaxListLimit = 500;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/vorgaenge", ListVorgaenge).WithName("ListVorgaenge")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<List<VorgangSummary>>, ProblemHttpResult>> ListVorgaenge(RecordState? state, Guid? position, Guid? akte, int? limit, RecordsReader reader, CancellationToken ct) =>
        limit is < 1 or > MaxListLimit
            ? ApiErrors.Invalid("request.limit-invalid", $"Der Wert für limit muss zwischen 1 und {MaxListLimit} liegen.")
            : TypedResults.Ok(await reader.VorgaengeAsync(new VorgangFilter(state, position, akte, limit ?? 100), ct));
}
