using System.Security.Claims;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Operations.Municipalities;

/// <summary>The operator's console: the tenants, creating one, and switching to one for its administration.</summary>
[Authorize(Policy = Policies.Operations)]
public sealed partial class IndexModel(
    PlatformDbContext db,
    TenantContext tenant,
    PlatformAdministration administration,
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    ILoggerFactory loggers) : PageModel
{
    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Users");

    public IReadOnlyList<MunicipalityResponse> Municipalities { get; private set; } = [];

    /// <summary>The element ids of the inputs of "Gemeinde anlegen"; a refusal is shown at its field.</summary>
    public const string AgsField = "ags";

    public const string NameField = "name";

    public const string AdministratorField = "verwaltung";

    /// <summary>A refusal that belongs to no field.</summary>
    public string? Error { get; private set; }

    public PageErrors Errors { get; } = new();

    /// <summary>The municipality just created with its first administrator, whose initial password is shown this once.</summary>
    public CreatedMunicipality? Created { get; private set; }

    /// <summary>The municipality the operator administers now, if any.</summary>
    public Guid? ActiveId => AmtswegClaims.TenantOf(User);

    public string? ActiveName => Municipalities.FirstOrDefault(m => m.Id == ActiveId)?.Name;

    public string? Ags { get; private set; }

    public string? Name { get; private set; }

    /// <summary>The first administrator's user name; <c>verwaltung</c> until the operator types another.</summary>
    public string AdministratorUserName { get; private set; } = "verwaltung";

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Municipalities = await MunicipalitiesApi.ListAsync(db, tenant, cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? ags, string? name, string? administratorUserName, CancellationToken cancellationToken)
    {
        // Every refusal that needs no database at once, each at its field; then those the database gives, one by one.
        var problems = PlatformAdministration.CheckNewMunicipality(ags, name, administratorUserName);
        if (problems.Count == 0)
        {
            var result = await administration.CreateMunicipalityWithAdministratorAsync(ags!, name!, administratorUserName!, cancellationToken);
            if (result.Succeeded)
            {
                Created = result.Value;
                LogFirstAdministrator(_audit, Created!.Administrator.User.Id, Created.Administrator.User.UserName!, Created.Municipality.Id, User.Identity!.Name!);
                Response.Headers.CacheControl = "no-store";
            }
            else
            {
                problems = [(result.ErrorCode!, result.Error!)];
            }
        }

        if (problems.Count > 0)
        {
            // Kept as typed, so the operator corrects only what was refused.
            (Ags, Name, AdministratorUserName) = (ags, name, administratorUserName ?? "");
            foreach (var (code, message) in problems)
            {
                var field = FieldOf(code);
                if (field is null)
                {
                    Error = message;
                }
                else
                {
                    Errors.Add(field, message);
                }
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
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

    private static string? FieldOf(string code) => code switch
    {
        "ags-invalid" or "ags-duplicate" => AgsField,
        "name-invalid" => NameField,
        "user-missing" or "user-invalid" => AdministratorField,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} ({UserName}) created as first administrator of tenant {TenantId} by {Actor}")]
    private static partial void LogFirstAdministrator(ILogger logger, Guid userId, string userName, Guid tenantId, string actor);
}
