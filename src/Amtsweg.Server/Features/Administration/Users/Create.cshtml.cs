using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Administration.Users;

/// <summary>
/// "Benutzer anlegen": user name, display name and roles; the generated initial password is shown once, in the answer
/// to the post itself (never in a URL, a cookie or a log), and the answer is not cached.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class CreateModel(UserAdministration administration) : PageModel
{
    public string? UserName { get; private set; }

    public string? DisplayName { get; private set; }

    public IReadOnlyCollection<string> SelectedRoles { get; private set; } = [Roles.Sachbearbeitung];

    public PageErrors Errors { get; } = new();

    public CreatedUser? Created { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        UserName = Request.Form[UserFields.UserName].ToString();
        DisplayName = Request.Form[UserFields.DisplayName].ToString();
        SelectedRoles = Request.Form["rollen"].OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var result = await administration.CreateAsync(UserName, DisplayName, SelectedRoles, User.Identity!.Name!, cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                Errors.Add(field, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Created = result.Value;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
