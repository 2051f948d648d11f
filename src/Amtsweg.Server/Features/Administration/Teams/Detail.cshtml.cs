using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Administration.Teams;

/// <summary>
/// One team of the municipality: rename, members (add from the municipality's users, remove), delete (with how many
/// open tasks name it, confirmed with a checkbox). Another municipality's team is a 404, for every handler.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class DetailModel(TeamAdministration administration, IStringLocalizer<Ui> text) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public TeamDetail? Shown { get; private set; }

    public string? Name { get; private set; }

    public string? Description { get; private set; }

    /// <summary>How many open tasks name the team as candidate group.</summary>
    public int OpenTasks { get; private set; }

    public PageErrors Errors { get; } = new();

    [TempData(Key = IndexModel.NoticeKey)]
    public string? Notice { get; set; }

    private string Actor => User.Identity!.Name!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var name = Request.Form[TeamFields.Name].ToString();
        var description = Request.Form[TeamFields.Description].ToString();
        var result = await administration.UpdateAsync(Id, name, description, Actor, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Notice = text["Teams.Edit.Done", result.Value!.Name].Value;
            return RedirectToPage();
        }

        await LoadAsync(cancellationToken);
        Name = name;
        Description = description;
        return Refused(result.Errors);
    }

    public async Task<IActionResult> OnPostAddMemberAsync(CancellationToken cancellationToken)
    {
        // Nothing chosen or no id at all: Guid.Empty, which is nobody of the municipality.
        _ = Guid.TryParse(Request.Form[TeamFields.Member].ToString(), out var userId);
        var result = await administration.AddMemberAsync(Id, userId, Actor, cancellationToken);
        return await AfterMemberActAsync(result, "Teams.Members.Added", cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(CancellationToken cancellationToken)
    {
        _ = Guid.TryParse(Request.Form["benutzer"].ToString(), out var userId);
        var result = await administration.RemoveMemberAsync(Id, userId, Actor, cancellationToken);
        return await AfterMemberActAsync(result, "Teams.Members.Removed", cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var confirmed = Request.Form[TeamFields.Confirm].ToString() == "ja";
        var result = await administration.DeleteAsync(Id, confirmed, Actor, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Notice = text["Teams.Delete.Done", result.Value!.Name].Value;
            return Redirect("/verwaltung/gruppen");
        }

        await LoadAsync(cancellationToken);
        return Refused(result.Errors);
    }

    private async Task<IActionResult> AfterMemberActAsync(TeamAct<TeamPerson> result, string doneKey, CancellationToken cancellationToken)
    {
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Notice = text[doneKey, User.IsInRole(Roles.Betrieb) ? result.Value!.UserName : result.Value!.DisplayName].Value;
            return RedirectToPage();
        }

        await LoadAsync(cancellationToken);
        return Refused(result.Errors);
    }

    private PageResult Refused(IReadOnlyList<(string Field, string Message)> errors)
    {
        foreach (var (field, message) in errors)
        {
            Errors.Add(field, message);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Shown = await administration.FindAsync(Id, cancellationToken);
        if (Shown is null)
        {
            return false;
        }

        Name = Shown.Team.Name;
        Description = Shown.Team.Description;
        OpenTasks = await administration.OpenTaskCountAsync(Shown.Team.Key, cancellationToken);
        return true;
    }
}
