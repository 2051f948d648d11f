using System.Security.Claims;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Operations.Municipalities;

/// <summary>The operator's console: the tenants, creating one, and switching to one for its administration.</summary>
[Authorize(Policy = Policies.Operations)]
public sealed class IndexModel(
    PlatformDbContext db,
    TenantContext tenant,
    PlatformAdministration administration,
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users) : PageModel
{
    public IReadOnlyList<MunicipalityResponse> Municipalities { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Municipalities = await MunicipalitiesApi.ListAsync(db, tenant, cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? ags, string? name, CancellationToken cancellationToken)
    {
        var result = await administration.CreateMunicipalityAsync(ags ?? "", name ?? "", cancellationToken);
        if (result.Succeeded)
        {
            Created = result.Value!.Name;
        }
        else
        {
            Error = result.Error;
        }

        Municipalities = await MunicipalitiesApi.ListAsync(db, tenant, cancellationToken);
        return Page();
    }

    // The operator acts for the chosen municipality from now on; the policies still keep case content closed.
    public async Task<IActionResult> OnPostSwitchAsync(Guid id, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        if (!await db.Municipalities.AnyAsync(m => m.Id == id, cancellationToken))
        {
            return NotFound();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Forbid();
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AmtswegClaims.Tenant, id.ToString())]);
        return Redirect("/verwaltung");
    }
}
