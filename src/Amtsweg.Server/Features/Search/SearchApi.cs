using Amtsweg.Records.Model;
using Amtsweg.Records.Search;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Search;

/// <summary>One search hit; <c>Snippet</c> is HTML with the matched words in <c>&lt;mark&gt;</c> (the rest is encoded).</summary>
public sealed record SearchHitResponse(string Kind, Guid Id, Guid VorgangId, string Aktenzeichen, string Title, string? DokumentType, DateOnly Date, string Status, double Score, string Snippet)
{
    /// <summary>Maps a hit of the e-file's search.</summary>
    public static SearchHitResponse Of(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return new(hit.Kind, hit.Id, hit.VorgangId, hit.Aktenzeichen, hit.Title, hit.DokumentType, hit.Date, hit.Status.ToString(), hit.Score, hit.Snippet);
    }
}

/// <summary>
/// The e-file search: German-aware full text over metadata and content (OCR text included), with filters, ranked,
/// with highlighted snippets. Case work only; always within the user's municipality.
/// </summary>
internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/search", Search).WithName("SearchDokumente").WithTags("E-Akte").RequireAuthorization(Policies.CaseWork);
        return endpoints;
    }

    private static async Task<Ok<List<SearchHitResponse>>> Search(string? q, DateOnly? from, DateOnly? to, string? dokumentType, Guid? position, RecordState? status, int? limit, RecordsSearch search, CancellationToken ct)
    {
        var hits = await search.SearchAsync(new SearchRequest(q, from, to, dokumentType, position, status, limit ?? 20), ct);
        return TypedResults.Ok(hits.Select(SearchHitResponse.Of).ToList());
    }
}
