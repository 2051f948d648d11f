using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Administration.ApiClients;

/// <summary>
/// "API-Client anlegen": a name and the scopes the platform knows; the client id and the secret are shown once, in the
/// answer to the post itself (never in a URL, a cookie or a log), and the answer is not cached.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class CreateModel(ApiClientAdministration administration) : PageModel
{
    public string? Name { get; private set; }

    public IReadOnlyCollection<string> SelectedScopes { get; private set; } = [];

    public PageErrors Errors { get; } = new();

    public CreatedApiClient? Created { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Name = Request.Form[ApiClientFields.Name].ToString();
        SelectedScopes = Request.Form["berechtigungen"].OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var (created, errors) = await administration.CreateAsync(Name, SelectedScopes, User.Identity!.Name!, cancellationToken);
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
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
