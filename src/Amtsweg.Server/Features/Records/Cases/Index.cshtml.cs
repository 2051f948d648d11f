using Amtsweg.Records.Model;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Records.Cases;

/// <summary>The e-file at a glance: Vorgänge and Akten, filtered by state and Aktenplan position.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(RecordsReader reader) : PageModel
{
    /// <summary>The TempData key of what a page that created something here says about it (German).</summary>
    public const string NoticeKey = "CasesNotice";

    [TempData(Key = NoticeKey)]
    public string? Notice { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public RecordState? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "position")]
    public Guid? PositionId { get; set; }

    [BindProperty(SupportsGet = true, Name = "akte")]
    public Guid? AkteId { get; set; }

    public IReadOnlyList<PositionResponse> Positions { get; private set; } = [];

    public IReadOnlyList<VorgangSummary> Vorgaenge { get; private set; } = [];

    public IReadOnlyList<AkteResponse> Akten { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Positions = await reader.PositionsAsync(cancellationToken);
        Vorgaenge = await reader.VorgaengeAsync(new VorgangFilter(State, PositionId, AkteId), cancellationToken);
        Akten = await reader.AktenAsync(PositionId, State, cancellationToken);
    }
}
