using System.Globalization;
using Amtsweg.Records;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Search;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Search;

/// <summary>The search page: one query box over the whole e-file, with filters; ranked hits with highlighted snippets.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(RecordsSearch search, RecordsReader reader, RecordsDbContext db, IntakeFiling filing) : PageModel
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

    /// <summary>For hits in the Posteingang: the Aktenzeichen proposed from the text, if any.</summary>
    public IReadOnlyDictionary<Guid, string?> Proposals { get; private set; } = new Dictionary<Guid, string?>();

    /// <summary>Why the search was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>What filing a Posteingang hit did.</summary>
    [TempData]
    public string? FilingNotice { get; set; }

    /// <summary>Why filing a Posteingang hit was refused.</summary>
    [TempData]
    public string? FilingError { get; set; }

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
            var waiting = Hits.Where(h => h.Kind == SearchKinds.Posteingang).Select(h => h.Id).ToList();
            Proposals = waiting.Count == 0
                ? Proposals
                : await db.IntakeItems.AsNoTracking().Where(i => waiting.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.ProposedAktenzeichen, cancellationToken);
        }
        catch (RecordsException error)
        {
            Error = error.Message;
        }
    }

    /// <summary>Files a hit that waits in the Posteingang into the Vorgang named, then shows the same search again.</summary>
    public async Task<IActionResult> OnPostFileAsync(Guid id, string? aktenzeichen, CancellationToken cancellationToken)
    {
        (FilingNotice, FilingError) = await filing.FileAsync(id, aktenzeichen, User.Identity!.Name!, cancellationToken);
        return RedirectToPage(new { q = Query, von = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), bis = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dokumentart = DokumentType, position = PositionId, status = State });
    }
}
