using System.Text.RegularExpressions;
using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A team of the municipality that is not a role, for example „Bauamt“ or „Bürgerbüro“ (issue 13.5). A process offers
/// a task to it by writing its <see cref="Key"/> in the task's candidate groups (<c>zeebe:assignmentDefinition
/// candidateGroups</c>); the members see such a task under „Angeboten“ as they see the tasks offered to their roles.
/// </summary>
public sealed partial class Team : ITenantOwned
{
    /// <summary>Longest key.</summary>
    public const int KeyMaxLength = 50;

    /// <summary>Longest display name.</summary>
    public const int NameMaxLength = 200;

    /// <summary>Longest description.</summary>
    public const int DescriptionMaxLength = 1000;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>
    /// The technical key a BPMN model names as candidate group: lowercase letters, digits and hyphens, starting with a
    /// letter; unique per municipality, never a role's name; it cannot change once tasks may name it.
    /// </summary>
    public required string Key { get; set; }

    /// <summary>The German name shown to clerks.</summary>
    public required string Name { get; set; }

    /// <summary>What the team does, optional.</summary>
    public string? Description { get; set; }

    /// <summary>Who created it.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>True when <paramref name="key"/> has the form of a key (it may still exist or be a role's name).</summary>
    public static bool IsWellFormedKey(string key) => key.Length <= KeyMaxLength && KeyPattern().IsMatch(key);

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}

/// <summary>A user's membership in a <see cref="Team"/>; deleting the team or the user removes it.</summary>
public sealed class TeamMembership : ITenantOwned
{
    /// <summary>The municipality (the team's and the user's).</summary>
    public Guid TenantId { get; set; }

    /// <summary>The team.</summary>
    public Guid TeamId { get; set; }

    /// <summary>The member.</summary>
    public Guid UserId { get; set; }

    /// <summary>Who added the member.</summary>
    public required string AddedBy { get; set; }

    /// <summary>When the member was added (UTC).</summary>
    public DateTimeOffset AddedAt { get; set; }
}
