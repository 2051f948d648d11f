using Amtsweg.Records.Model;
using Amtsweg.Records.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Search.Query;

/// <summary><c>GET /api/search</c>: ranked hits with snippets, filtered by date, document type, Aktenplan position and state.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/search", Search).WithName("SearchDokumente")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Ok<List<SearchHitResponse>>> Search(string? q, DateOnly? from, DateOnly? to, string? dokumentType, Guid? position, RecordState? status, int? limit, RecordsSearch search, CancellationToken ct)
    {
        var hits = await search.SearchAsync(new SearchRequest(q, from, to, dokumentType, position, status, limit ?? 20), ct);
        return TypedResults.Ok(hits.Select(SearchHitResponse.Of).ToList());
    }
}
