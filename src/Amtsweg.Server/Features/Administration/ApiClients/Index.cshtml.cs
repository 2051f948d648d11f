using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Administration.ApiClients;

/// <summary>"API-Clients": the municipality's clients with their scopes, creation, last use and revocation.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class IndexModel(ApiClientAdministration administration) : PageModel
{
    /// <summary>The TempData key of the notice after an act.</summary>
    public const string NoticeKey = "ApiClients.Notice";

    public IReadOnlyList<ApiClientRow> Clients { get; private set; } = [];

    [TempData(Key = NoticeKey)]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Clients = await administration.ListAsync(cancellationToken);
}
