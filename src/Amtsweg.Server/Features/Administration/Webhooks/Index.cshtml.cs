using System.Globalization;
using Amtsweg.Data;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Administration.Webhooks;

/// <summary>
/// „Webhooks“ (issue 15.1, ADR 0029): the municipality's inbound webhooks and the form to create one. Administration
/// keeps them, as it keeps the connections to the Fachverfahren and their secrets: a hook lets an outside system act on
/// the municipality's processes, and its key is a secret like theirs. The new key is shown once, in the answer to the
/// post itself (never in a URL, a cookie or a log), and that answer is not cached.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class WebhooksIndexModel(WebhookAdministration administration) : PageModel
{
    /// <summary>The TempData key of a notice after a redirect.</summary>
    public const string NoticeKey = "Webhooks.Notice";

    public IReadOnlyList<WebhookRow> Hooks { get; private set; } = [];

    public PageErrors Errors { get; } = new();

    public string? Name { get; private set; }

    public string? MessageName { get; private set; }

    public string? CorrelationKey { get; private set; }

    public string? Variables { get; private set; }

    /// <summary>The hook just created with its key, shown once.</summary>
    public GeneratedWebhookKey? Created { get; private set; }

    [TempData(Key = NoticeKey)]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Hooks = await administration.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        Name = Request.Form[WebhookFields.Name].ToString();
        MessageName = Request.Form[WebhookFields.MessageName].ToString();
        CorrelationKey = Request.Form[WebhookFields.CorrelationKey].ToString();
        Variables = Request.Form[WebhookFields.Variables].ToString();
        var (created, errors) = await administration.CreateAsync(Name, MessageName, CorrelationKey, Variables, User.Identity!.Name!, cancellationToken);
        Hooks = await administration.ListAsync(cancellationToken);
        if (created is null)
        {
            foreach (var (field, message) in errors)
            {
                Errors.Add(field, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Created = created;
        (Name, MessageName, CorrelationKey, Variables) = (null, null, null, null);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>The full address a sender posts to, as this server is reached.</summary>
    public static string Address(HttpRequest request, string name) => $"{request.Scheme}://{request.Host}/api/hooks/{name}";

    /// <summary>A time on the Berlin clock.</summary>
    public static string Local(DateTimeOffset at) => BerlinTime.ToLocal(at).ToString("dd.MM.yyyy, HH:mm", CultureInfo.InvariantCulture);
}
