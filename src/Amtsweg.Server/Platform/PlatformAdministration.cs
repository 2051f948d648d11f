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

/// <summary>A user as created, with the initial password shown once.</summary>
public sealed record CreatedUser(AppUser User, string Role, string InitialPassword);

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
    /// <summary>Creates a municipality. Invalid or duplicate AGS and an empty name are refused; nothing is written then.</summary>
    public async Task<AdministrationResult<Municipality>> CreateMunicipalityAsync(string ags, string name, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        if (!Ags.TryParse(ags, out var state, out var agsError))
        {
            return AdministrationResult<Municipality>.Fail("ags-invalid", agsError);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return AdministrationResult<Municipality>.Fail("name-invalid", "Der Name der Gemeinde fehlt oder ist länger als 200 Zeichen.");
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
        string? municipalityAgs, string userName, string displayName, string role, CancellationToken cancellationToken)
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

        await EnsureRolesAsync().ConfigureAwait(false);
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            UserName = userName,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim(),
            TenantId = tenantId,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        var password = PasswordGenerator.Generate();
        var created = await users.CreateAsync(user, password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return AdministrationResult<CreatedUser>.Fail("user-invalid", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var added = await users.AddToRoleAsync(user, role).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user).ConfigureAwait(false);
            return AdministrationResult<CreatedUser>.Fail("role-failed", string.Join(" ", added.Errors.Select(e => e.Description)));
        }

        return AdministrationResult<CreatedUser>.Ok(new CreatedUser(user, role, password));
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
