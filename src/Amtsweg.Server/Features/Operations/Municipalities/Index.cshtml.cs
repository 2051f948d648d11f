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
    MunicipalityDirectorySource directory,
    ILoggerFactory loggers) : PageModel
{
    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Users");

    public IReadOnlyList<MunicipalityResponse> Municipalities { get; private set; } = [];

    /// <summary>The element ids of the inputs of "Gemeinde anlegen"; a refusal is shown at its field.</summary>
    public const string AgsField = "ags";

    public const string NameField = "name";

    public const string AdministratorField = "verwaltung";

    public const string TestField = "testgemeinde";

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

    public bool IsTest { get; private set; }

    /// <summary>The code list in use (its date and size are shown), or null.</summary>
    public MunicipalityDirectory? Directory { get; private set; }

    /// <summary>Why there is no code list (only test municipalities then), or why it does not read.</summary>
    public string? DirectoryProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        LoadDirectory();
        Municipalities = await MunicipalitiesApi.ListAsync(db, tenant, cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(string? ags, string? name, string? administratorUserName, bool testgemeinde, CancellationToken cancellationToken)
    {
        // Every refusal that needs no database at once, each at its field; then those the database gives, one by one.
        // The name is optional for a municipality of the code list (its official name is taken); a test municipality
        // needs one, and the list check says so itself once the AGS is well-formed.
        var listed = directory.Check(ags, name, testgemeinde);
        var problems = PlatformAdministration.CheckNewMunicipality(ags, listed.Name ?? name, administratorUserName)
            .Where(p => p.Code != "name-invalid" || (testgemeinde ? listed.ErrorCode != "name-invalid" : !string.IsNullOrWhiteSpace(name)))
            .ToList();
        if (listed.ErrorCode is not null)
        {
            problems.Insert(0, (listed.ErrorCode, listed.Error!));
        }

        if (problems.Count == 0)
        {
            var result = await administration.CreateMunicipalityWithAdministratorAsync(ags!, listed.Name!, administratorUserName!, cancellationToken, testgemeinde);
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
            (Ags, Name, AdministratorUserName, IsTest) = (ags, name, administratorUserName ?? "", testgemeinde);
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

        LoadDirectory();
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
        "ags-invalid" or "ags-duplicate" or "ags-unknown" or "ags-district" or "directory-missing" => AgsField,
        "ags-official" => TestField,
        "name-invalid" => NameField,
        "user-missing" or "user-invalid" => AdministratorField,
        _ => null,
    };

    private void LoadDirectory()
    {
        try
        {
            Directory = directory.TryGet(out var unavailable);
            DirectoryProblem = unavailable;
        }
        catch (MunicipalityDirectoryException e)
        {
            DirectoryProblem = e.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} ({UserName}) created as first administrator of tenant {TenantId} by {Actor}")]
    private static partial void LogFirstAdministrator(ILogger logger, Guid userId, string userName, Guid tenantId, string actor);
}
