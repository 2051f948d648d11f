using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Operations.Health;

/// <summary><c>/betrieb/zustand/stoerungen?gemeinde=AGS</c>: a municipality's open incidents for the operator, without case content (ADR 0033).</summary>
[Authorize(Policy = Policies.Operations)]
public sealed class IncidentsModel(OperatorIncidents incidents) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "gemeinde")]
    public string? Ags { get; set; }

    public Municipality? Municipality { get; private set; }

    public IReadOnlyList<OperatorIncident> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Municipality = await incidents.MunicipalityAsync(Ags, cancellationToken);
        if (Municipality is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        Rows = await incidents.OpenAsync(Municipality, cancellationToken);
        return Page();
    }
}
