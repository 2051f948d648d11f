using System.Security.Claims;
using Amtsweg.Server.Features.Administration.Teams;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Administration.Users;

/// <summary>
/// One user of the municipality: display name and roles, their teams, disabling and enabling, a new password (shown
/// once in the answer to the post). Another municipality's user is a 404, for every handler.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class DetailModel(PlatformDbContext db, UserAdministration administration, TeamAdministration teams, TimeProvider clock, IStringLocalizer<Ui> text) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public UserResponse? Shown { get; private set; }

    public string? DisplayName { get; private set; }

    public IReadOnlyCollection<string> SelectedRoles { get; private set; } = [];

    public PageErrors Errors { get; } = new();

    /// <summary>The municipality's teams, to tick the user's.</summary>
    public IReadOnlyList<TeamRow> AllTeams { get; private set; } = [];

    /// <summary>The teams the user belongs to (or that were ticked in a refused post).</summary>
    public IReadOnlyCollection<Guid> SelectedTeams { get; private set; } = [];

    /// <summary>The refusal of the team form, or null.</summary>
    public string? TeamsError { get; private set; }

    public string? ActError { get; private set; }

    public string? NewPassword { get; private set; }

    [TempData(Key = IndexModel.NoticeKey)]
    public string? Notice { get; set; }

    /// <summary>True for an operator administering the municipality: display names are withheld and not edited (ADR 0033).</summary>
    public bool WithholdsNames => User.IsInRole(Roles.Betrieb);

    private Guid ActorId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private string Actor => User.Identity!.Name!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        // An operator never sees the display name, so it keeps the one stored.
        var displayName = WithholdsNames
            ? await db.Users.Where(u => u.Id == Id).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : Request.Form[UserFields.DisplayName].ToString();
        var roles = Request.Form["rollen"].OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var result = await administration.UpdateAsync(Id, displayName, roles, ActorId, Actor, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Notice = text["Users.Edit.Done", NameOf(result.Value!)];
            return RedirectToPage();
        }

        await LoadAsync(cancellationToken);
        DisplayName = displayName;
        SelectedRoles = roles;
        foreach (var (field, message) in result.Errors)
        {
            Errors.Add(field, message);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostTeamsAsync(CancellationToken cancellationToken)
    {
        // A value that is no id cannot be a team of the municipality: refused like an unknown team.
        var posted = Request.Form["gruppen"].OfType<string>().ToList();
        var ids = posted.Select(value => Guid.TryParse(value, out var id) ? id : Guid.Empty).ToList();
        var result = await teams.SetTeamsOfAsync(Id, ids, Actor, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Notice = text["Teams.OfUser.Done", NameOf(result.Value!)];
            return RedirectToPage();
        }

        await LoadAsync(cancellationToken);
        TeamsError = string.Join(" ", result.Errors.Select(e => e.Message));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        ActAsync(administration.DisableAsync(Id, ActorId, Actor, cancellationToken), "Users.Access.Disabled", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        ActAsync(administration.EnableAsync(Id, Actor, cancellationToken), "Users.Access.Enabled", cancellationToken);

    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken cancellationToken)
    {
        var result = await administration.ResetPasswordAsync(Id, Actor, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        NewPassword = result.Value;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<IActionResult> ActAsync(Task<UserAct<AppUser>> act, string doneKey, CancellationToken cancellationToken)
    {
        var result = await act;
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Notice = text[doneKey, NameOf(result.Value!)];
            return RedirectToPage();
        }

        await LoadAsync(cancellationToken);
        ActError = string.Join(" ", result.Errors.Select(e => e.Message));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private string NameOf(AppUser user) => WithholdsNames ? user.UserName! : user.DisplayName;

    private string NameOf(TeamPerson person) => WithholdsNames ? person.UserName : person.DisplayName;

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var found = await UsersApi.QueryAsync(db, Id, clock, User, cancellationToken);
        if (found.Count != 1)
        {
            return false;
        }

        Shown = found[0];
        DisplayName = Shown.DisplayName;
        SelectedRoles = Shown.Roles.ToList();
        AllTeams = await teams.ListAsync(cancellationToken);
        SelectedTeams = await teams.TeamsOfAsync(Id, cancellationToken);
        return true;
    }
}
