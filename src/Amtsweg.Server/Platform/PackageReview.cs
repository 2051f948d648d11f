using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A municipality's rating and comment on a library package (issue 14.3): what it learned running the process, for the
/// other municipalities of the installation to read before they adopt it. One per municipality and package; a new one
/// replaces it. Owned by the municipality that wrote it; the package page reads all of them in a platform scope and shows
/// them with the municipality's name, never the person's.
/// </summary>
public sealed class PackageReview : ITenantOwned
{
    /// <summary>Longest comment.</summary>
    public const int TextMaxLength = 4000;

    /// <summary>The lowest and the highest rating.</summary>
    public const int MinRating = 1, MaxRating = 5;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality that wrote it.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The package id (<c>hundesteuer</c>).</summary>
    public required string PackageId { get; set; }

    /// <summary>The version it speaks of: the one the municipality runs, or the one it read.</summary>
    public required string Version { get; set; }

    /// <summary>1 to 5.</summary>
    public int Rating { get; set; }

    /// <summary>The comment; empty for a rating alone.</summary>
    public required string Text { get; set; }

    /// <summary>The login name of whoever wrote it last (kept for the audit, never shown to other municipalities).</summary>
    public required string WrittenBy { get; set; }

    /// <summary>When it was written last (UTC).</summary>
    public DateTimeOffset WrittenAt { get; set; }
}
