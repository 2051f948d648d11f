using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Administration.ApiClients;

/// <summary>
/// One API client of the municipality: what it may do, when it was last used, and revoking it (confirmed with a
/// checkbox; its token requests and tokens fail from then on). Another municipality's client is a 404, for every handler.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class DetailModel(ApiClientAdministration administration, IStringLocalizer<Ui> text) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public ApiClientRow? Shown { get; private set; }

    public string? RevokeError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Shown = await administration.FindAsync(Id, cancellationToken);
        return Shown is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        var confirmed = Request.Form[ApiClientFields.Confirm].ToString() == "ja";
        var (client, error) = await administration.RevokeAsync(Id, confirmed, User.Identity!.Name!, cancellationToken);
        if (client is null)
        {
            return NotFound();
        }

        if (error is null)
        {
            TempData[IndexModel.NoticeKey] = text["ApiClients.Revoked", client.Name].Value;
            return Redirect("/verwaltung/api-clients");
        }

        Shown = client;
        RevokeError = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
