using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Operations.Health;

/// <summary><c>/betrieb/zustand/stoerungen/{id}?gemeinde=AGS</c>: one incident for the operator, without case content (ADR 0033).</summary>
[Authorize(Policy = Policies.Operations)]
public sealed class IncidentModel(OperatorIncidents incidents) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "gemeinde")]
    public string? Ags { get; set; }

    public Municipality? Municipality { get; private set; }

    public OperatorIncident? Incident { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Municipality = await incidents.MunicipalityAsync(Ags, cancellationToken);
        Incident = Municipality is null ? null : await incidents.OneAsync(Municipality, id, cancellationToken);
        if (Incident is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
