using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Administration.Teams;

/// <summary>„Gruppen“: the municipality's teams with their member counts, and how a process offers a task to one.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class IndexModel(TeamAdministration administration) : PageModel
{
    /// <summary>TempData key of the notice after an act on a team.</summary>
    public const string NoticeKey = "Teams.Notice";

    public IReadOnlyList<TeamRow> Teams { get; private set; } = [];

    /// <summary>The roles a model may name as candidate groups besides the teams, as it would write them.</summary>
    public static IReadOnlyList<string> RoleKeys => [.. Roles.CaseWork.Select(role => role.ToLowerInvariant())];

    [TempData(Key = NoticeKey)]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Teams = await administration.ListAsync(cancellationToken);
}
