using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Start;

/// <summary>The start page: who is signed in, for which municipality, and the sections this person may open.</summary>
public sealed class IndexModel(PlatformDbContext db, IAuthorizationService authorization) : PageModel
{
    public string DisplayName { get; private set; } = "";

    public string? MunicipalityName { get; private set; }

    public IReadOnlyList<(string Key, string Path)> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DisplayName = User.FindFirst(AmtswegClaims.DisplayName)?.Value ?? User.Identity!.Name!;
        if (AmtswegClaims.TenantOf(User) is { } tenantId)
        {
            MunicipalityName = await db.Municipalities.Where(m => m.Id == tenantId).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);
        }

        var sections = new List<(string, string)>();
        if ((await authorization.AuthorizeAsync(User, Policies.CaseWork)).Succeeded)
        {
            sections.AddRange([("Tasks", "/aufgaben"), ("Cases", "/vorgaenge"), ("Antrag", "/antraege/neu"), ("Intake", "/posteingang"), ("Search", "/suche")]);
        }

        if ((await authorization.AuthorizeAsync(User, Policies.Administration)).Succeeded)
        {
            sections.Add(("Administration", "/verwaltung"));
        }

        if ((await authorization.AuthorizeAsync(User, Policies.Operations)).Succeeded)
        {
            sections.Add(("Operations", "/betrieb"));
        }

        Sections = sections;
    }
}
