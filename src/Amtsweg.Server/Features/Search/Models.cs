using Amtsweg.Records.Search;

namespace Amtsweg.Server.Features.Search;

/// <summary>
/// One search hit; <c>Snippet</c> is HTML with the matched words in <c>&lt;mark&gt;</c> (the rest is encoded). A hit of
/// kind <c>Posteingang</c> is an item waiting to be filed: it has no Vorgang, Aktenzeichen or status yet.
/// </summary>
public sealed record SearchHitResponse(string Kind, Guid Id, Guid? VorgangId, string Aktenzeichen, string Title, string? DokumentType, DateOnly Date, string? Status, double Score, string Snippet)
{
    /// <summary>Maps a hit of the e-file's search.</summary>
    public static SearchHitResponse Of(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return new(hit.Kind, hit.Id, hit.VorgangId, hit.Aktenzeichen, hit.Title, hit.DokumentType, hit.Date, hit.Status?.ToString(), hit.Score, hit.Snippet);
    }
}
