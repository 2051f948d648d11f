using Amtsweg.Data.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Platform;

/// <summary>The outcome of an administrative act: a value, or a German error with a stable code.</summary>
public sealed record AdministrationResult<T>(T? Value, string? ErrorCode, string? Error)
{
    /// <summary>True when the act succeeded.</summary>
    public bool Succeeded => ErrorCode is null;

    internal static AdministrationResult<T> Ok(T value) => new(value, null, null);

    internal static AdministrationResult<T> Fail(string code, string message) => new(default, code, message);
}

/// <summary>A user as created, with their roles and the initial password shown once.</summary>
public sealed record CreatedUser(AppUser User, IReadOnlyList<string> Roles, string InitialPassword);

/// <summary>A municipality as created together with its first administrator.</summary>
public sealed record CreatedMunicipality(Municipality Municipality, CreatedUser Administrator);

/// <summary>
/// Creates tenants and users; used by the CLI, the operator's console and the demo seeding.
/// Works in platform scope: these acts cross tenants on purpose and are reserved to operators and the CLI.
/// </summary>
public sealed class PlatformAdministration(
    PlatformDbContext db,
    UserManager<AppUser> users,
    RoleManager<AppRole> roles,
    TenantContext tenant,
    TimeProvider clock)
{
    private const string NameInvalid = "Der Name der Gemeinde fehlt oder ist länger als 200 Zeichen.";

    /// <summary>
    /// Creates a municipality. Invalid or duplicate AGS and an empty name are refused; nothing is written then. The
    /// official code list is not consulted here: the entry points (page, API, CLI) check against it with
    /// <see cref="MunicipalityDirectorySource.Check"/>, and tests and the demo create what they need.
    /// </summary>
    public async Task<AdministrationResult<Municipality>> CreateMunicipalityAsync(string ags, string name, CancellationToken cancellationToken, bool isTest = false)
    {
        tenant.UsePlatformScope();
        if (!Ags.TryParse(ags, out var state, out var agsError))
        {
            return AdministrationResult<Municipality>.Fail("ags-invalid", agsError);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return AdministrationResult<Municipality>.Fail("name-invalid", NameInvalid);
        }

        if (await db.Municipalities.AnyAsync(m => m.Ags == ags, cancellationToken).ConfigureAwait(false))
        {
            return AdministrationResult<Municipality>.Fail("ags-duplicate", $"Eine Gemeinde mit dem AGS {ags} gibt es bereits.");
        }

        var municipality = new Municipality
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Ags = ags,
            Name = name.Trim(),
            FederalState = state,
            IsTest = isTest,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Municipalities.Add(municipality);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return AdministrationResult<Municipality>.Ok(municipality);
    }

    /// <summary>Finds a municipality by AGS.</summary>
    public Task<Municipality?> FindMunicipalityAsync(string ags, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        return db.Municipalities.SingleOrDefaultAsync(m => m.Ags == ags, cancellationToken);
    }

    /// <summary>
    /// Creates a user with one role and a generated initial password. Operators (role Betrieb) belong to no
    /// municipality; everyone else to exactly one.
    /// </summary>
    public async Task<AdministrationResult<CreatedUser>> CreateUserAsync(
        string? municipalityAgs, string userName, string displayName, string role, CancellationToken cancellationToken, bool changePasswordAtSignIn = false)
    {
        tenant.UsePlatformScope();
        if (!Roles.All.Contains(role))
        {
            return AdministrationResult<CreatedUser>.Fail("role-unknown", $"Die Rolle „{role}“ gibt es nicht. Möglich sind: {string.Join(", ", Roles.All)}.");
        }

        Guid? tenantId = null;
        if (role == Roles.Betrieb)
        {
            if (municipalityAgs is not null)
            {
                return AdministrationResult<CreatedUser>.Fail("operator-with-tenant", "Ein Benutzer mit der Rolle Betrieb gehört zu keiner Gemeinde.");
            }
        }
        else
        {
            var municipality = municipalityAgs is null ? null : await FindMunicipalityAsync(municipalityAgs, cancellationToken).ConfigureAwait(false);
            if (municipality is null)
            {
                return AdministrationResult<CreatedUser>.Fail("tenant-unknown", $"Eine Gemeinde mit dem AGS „{municipalityAgs}“ gibt es nicht.");
            }

            tenantId = municipality.Id;
        }

        return await CreateUserAsync(tenantId, userName, displayName, [role], cancellationToken, changePasswordAtSignIn).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a user of the municipality <paramref name="tenantId"/> (null: an operator) with the given roles and a
    /// generated initial password: the one way users with a password are made (CLI, demo, operator's console and the
    /// municipality's administration). User names are unique across all municipalities, because sign-in looks a
    /// name up before any tenant is known; the check runs in platform scope for that reason, and the caller restores
    /// its own scope. User and roles are written in one transaction: a refusal leaves nothing behind. With
    /// <paramref name="changePasswordAtSignIn"/> the user must set their own password at the first sign-in (every
    /// password shown to someone else; the demo's users and the tests' users are made without).
    /// </summary>
    public async Task<AdministrationResult<CreatedUser>> CreateUserAsync(
        Guid? tenantId, string userName, string displayName, IReadOnlyCollection<string> userRoles, CancellationToken cancellationToken, bool changePasswordAtSignIn = false)
    {
        ArgumentNullException.ThrowIfNull(userRoles);
        tenant.UsePlatformScope();
        if (userRoles.Count == 0)
        {
            return AdministrationResult<CreatedUser>.Fail("role-missing", "Bitte wählen Sie mindestens eine Rolle.");
        }

        var unknown = userRoles.FirstOrDefault(role => !Roles.All.Contains(role));
        if (unknown is not null)
        {
            return AdministrationResult<CreatedUser>.Fail("role-unknown", $"Die Rolle „{unknown}“ gibt es nicht. Möglich sind: {string.Join(", ", Roles.All)}.");
        }

        await EnsureRolesAsync().ConfigureAwait(false);
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            UserName = userName,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim(),
            TenantId = tenantId,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
            PasswordChangeRequired = changePasswordAtSignIn,
        };
        var password = PasswordGenerator.Generate();

        // A caller that creates more in the same act (a municipality with its first administrator) owns the transaction.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        var committed = false;
        try
        {
            var created = await users.CreateAsync(user, password).ConfigureAwait(false);
            if (!created.Succeeded)
            {
                return AdministrationResult<CreatedUser>.Fail("user-invalid", string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            var ordered = Roles.All.Where(userRoles.Contains).ToList();
            var added = await users.AddToRolesAsync(user, ordered).ConfigureAwait(false);
            if (!added.Succeeded)
            {
                return AdministrationResult<CreatedUser>.Fail("role-failed", string.Join(" ", added.Errors.Select(e => e.Description)));
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken).ConfigureAwait(false);
                committed = true;
            }

            return AdministrationResult<CreatedUser>.Ok(new CreatedUser(user, ordered, password));
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
                if (!committed)
                {
                    // Rolled back: rows the context still tracks as saved must not be written by a later call.
                    db.ChangeTracker.Clear();
                }
            }
        }
    }

    /// <summary>
    /// Creates a municipality and its first user with the role Administration in one transaction: when the user
    /// name is refused (taken in any municipality, or invalid), the municipality is not created either.
    /// </summary>
    public async Task<AdministrationResult<CreatedMunicipality>> CreateMunicipalityWithAdministratorAsync(
        string ags, string name, string administratorUserName, CancellationToken cancellationToken, bool isTest = false)
    {
        tenant.UsePlatformScope();
        var refused = CheckNewMunicipality(ags, name, administratorUserName);
        if (refused.Count > 0)
        {
            return AdministrationResult<CreatedMunicipality>.Fail(refused[0].Code, refused[0].Message);
        }

        await EnsureRolesAsync().ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var municipality = await CreateMunicipalityAsync(ags, name, cancellationToken, isTest).ConfigureAwait(false);
        if (!municipality.Succeeded)
        {
            return AdministrationResult<CreatedMunicipality>.Fail(municipality.ErrorCode!, municipality.Error!);
        }

        var administrator = await CreateUserAsync(municipality.Value!.Id, administratorUserName.Trim(), "Verwaltung " + municipality.Value.Name, [Roles.Administration], cancellationToken, changePasswordAtSignIn: true)
            .ConfigureAwait(false);
        if (!administrator.Succeeded)
        {
            // Rolled back with the transaction; the tracked rows must not be saved by a later call either.
            db.ChangeTracker.Clear();
            return AdministrationResult<CreatedMunicipality>.Fail(administrator.ErrorCode!, administrator.Error!);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return AdministrationResult<CreatedMunicipality>.Ok(new CreatedMunicipality(municipality.Value, administrator.Value!));
    }

    /// <summary>
    /// The checks of a new municipality with its first administrator that need no database (AGS, name, user name
    /// given), all at once with their codes, so that a form can show each at its field. The same checks run again
    /// inside <see cref="CreateMunicipalityWithAdministratorAsync"/>.
    /// </summary>
    public static IReadOnlyList<(string Code, string Message)> CheckNewMunicipality(string? ags, string? name, string? administratorUserName)
    {
        var problems = new List<(string, string)>();
        if (!Ags.TryParse(ags, out _, out var agsError))
        {
            problems.Add(("ags-invalid", agsError));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            problems.Add(("name-invalid", NameInvalid));
        }

        if (string.IsNullOrWhiteSpace(administratorUserName))
        {
            problems.Add(("user-missing", "Bitte geben Sie den Benutzernamen für die erste Verwaltung der Gemeinde an."));
        }

        return problems;
    }

    /// <summary>Creates the fixed roles where they are missing.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role).ConfigureAwait(false))
            {
                await roles.CreateAsync(new AppRole { Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = role }).ConfigureAwait(false);
            }
        }
    }
}
