using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Administration.Users;

/// <summary>The municipality's users (the tenant filter limits them to the current municipality).</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class IndexModel(PlatformDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserResponse> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Users = await UsersApi.QueryAsync(db, null, clock, cancellationToken);
}
