using Microsoft.AspNetCore.Identity;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A person who signs in. Users of a municipality carry its TenantId; operators of the IT service provider
/// (role Betrieb) carry none. The user table is filtered like tenant-owned tables (ADR 0004).
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    /// <summary>The user's municipality, or null for an operator.</summary>
    public Guid? TenantId { get; set; }

    /// <summary>Name shown in the UI.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>When the user was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// True while the user signs in with a password someone else saw (an initial password, or one an administrator
    /// reset): the session opens only the page that sets a new one (<c>PasswordChangeMiddleware</c>).
    /// </summary>
    public bool PasswordChangeRequired { get; set; }

    /// <summary>When the user last signed in (password or external sign-in; UTC), or null when never.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }
}

/// <summary>A role; the set is fixed (<see cref="Roles"/>) and shared by all tenants.</summary>
public sealed class AppRole : IdentityRole<Guid>
{
}
