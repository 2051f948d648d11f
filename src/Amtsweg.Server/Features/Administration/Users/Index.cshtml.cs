using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Administration.Users;

/// <summary>The municipality's users (the tenant filter limits them to the current municipality).</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class IndexModel(PlatformDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>TempData key of the notice after an act on a user.</summary>
    public const string NoticeKey = "Users.Notice";

    public IReadOnlyList<UserResponse> Users { get; private set; } = [];

    /// <summary>The municipality an operator administers now; null for the municipality's own administrators.</summary>
    public string? OperatorMunicipality { get; private set; }

    [TempData(Key = NoticeKey)]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Users = await UsersApi.QueryAsync(db, null, clock, User, cancellationToken);
        OperatorMunicipality = await ActiveMunicipality.NameForOperatorAsync(db, User, cancellationToken);
    }
}

/// <summary>Which municipality an operator (Betrieb) administers at the moment, to say so on the pages.</summary>
internal static class ActiveMunicipality
{
    /// <summary>The name of the operator's chosen municipality; null for anyone who is no operator or chose none.</summary>
    public static async Task<string?> NameForOperatorAsync(PlatformDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AmtswegClaims.IsOperator(user) && AmtswegClaims.TenantOf(user) is { } tenantId
            ? await db.Municipalities.AsNoTracking().Where(m => m.Id == tenantId).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
}
