using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Administration.Webhooks;

/// <summary>
/// One webhook: its address and definition, its last 50 calls (time, outcome, answer; never the body), a new key
/// (shown once in the answer, the old one stops working at once) and deleting it (confirmed with a checkbox). Another
/// municipality's hook is a 404, for every handler.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class WebhookDetailModel(WebhookAdministration administration, IStringLocalizer<Ui> text) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public WebhookRow? Shown { get; private set; }

    public IReadOnlyList<WebhookCallRow> Calls { get; private set; } = [];

    /// <summary>The display name of the person who created the hook.</summary>
    public string CreatedByName { get; private set; } = "";

    /// <summary>The new key, shown once after a rotation.</summary>
    public GeneratedWebhookKey? Rotated { get; private set; }

    public string? DeleteError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Shown = await administration.FindAsync(Id, cancellationToken);
        if (Shown is null)
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        Rotated = await administration.RotateAsync(Id, User.Identity!.Name!, cancellationToken);
        if (Rotated is null)
        {
            return NotFound();
        }

        Shown = Rotated.Hook;
        await LoadAsync(cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        Shown = await administration.FindAsync(Id, cancellationToken);
        if (Shown is null)
        {
            return NotFound();
        }

        if (Request.Form[WebhookFields.Confirm].ToString() != "ja")
        {
            DeleteError = text["Webhooks.Delete.ConfirmMissing"];
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (await administration.DeleteAsync(Id, User.Identity!.Name!, cancellationToken) is not { } name)
        {
            return NotFound();
        }

        TempData[WebhooksIndexModel.NoticeKey] = text["Webhooks.Deleted", name].Value;
        return Redirect("/verwaltung/webhooks");
    }

    /// <summary>What the page shows beside the hook itself: its calls and who created it.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Calls = await administration.CallsAsync(Id, cancellationToken);
        CreatedByName = await administration.DisplayNameAsync(Shown!.CreatedBy, User, cancellationToken);
    }
}
