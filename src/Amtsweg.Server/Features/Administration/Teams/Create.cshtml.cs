using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Administration.Teams;

/// <summary>„Gruppe anlegen“: key, name and description; refused input stays in the form with the message at its field.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class CreateModel(TeamAdministration administration, IStringLocalizer<Ui> text) : PageModel
{
    public string? Key { get; private set; }

    public string? Name { get; private set; }

    public string? Description { get; private set; }

    public PageErrors Errors { get; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Key = Request.Form[TeamFields.Key].ToString();
        Name = Request.Form[TeamFields.Name].ToString();
        Description = Request.Form[TeamFields.Description].ToString();
        var result = await administration.CreateAsync(Key, Name, Description, User.Identity!.Name!, cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                Errors.Add(field, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData[IndexModel.NoticeKey] = text["Teams.New.Done", result.Value!.Name, result.Value.Key].Value;
        return Redirect($"/verwaltung/gruppen/{result.Value.Id}");
    }
}
