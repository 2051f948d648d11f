using Amtsweg.Records;
using Amtsweg.Records.Model;
using Amtsweg.Records.Search;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Search;

/// <summary>The search page: one query box over the whole e-file, with filters; ranked hits with highlighted snippets.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(RecordsSearch search, RecordsReader reader) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "von")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "bis")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "dokumentart")]
    public string? DokumentType { get; set; }

    [BindProperty(SupportsGet = true, Name = "position")]
    public Guid? PositionId { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public RecordState? State { get; set; }

    public IReadOnlyList<PositionResponse> Positions { get; private set; } = [];

    /// <summary>Null before the first search.</summary>
    public IReadOnlyList<SearchHit>? Hits { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Positions = await reader.PositionsAsync(cancellationToken);
        var filtered = From is not null || To is not null || !string.IsNullOrWhiteSpace(DokumentType) || PositionId is not null || State is not null;
        if (string.IsNullOrWhiteSpace(Query) && !filtered)
        {
            return;
        }

        try
        {
            Hits = await search.SearchAsync(new SearchRequest(Query, From, To, DokumentType, PositionId, State, 50), cancellationToken);
        }
        catch (RecordsException error)
        {
            Error = error.Message;
        }
    }
}
