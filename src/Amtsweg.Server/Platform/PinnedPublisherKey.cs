namespace Amtsweg.Server.Platform;

/// <summary>
/// The Ed25519 key a publishing municipality (AGS) signs with, pinned the first time a package of it came in verified
/// from a catalogue (trust on first use, issue 14.4). A later package of the same AGS signed with another key is not
/// taken: the key is kept here as pending until an operator or administrator accepts it explicitly.
/// </summary>
public sealed class PinnedPublisherKey
{
    /// <summary>Longest public key in base64 (32 bytes are 44 characters).</summary>
    public const int PublicKeyMaxLength = 100;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The publishing municipality's AGS, one row each.</summary>
    public required string PublisherAgs { get; set; }

    /// <summary>The pinned public key in base64.</summary>
    public required string PublicKey { get; set; }

    /// <summary>The catalogue the pinned key came from.</summary>
    public required string CatalogueUrl { get; set; }

    /// <summary>When the key was pinned or its change accepted (UTC).</summary>
    public DateTimeOffset PinnedAt { get; set; }

    /// <summary>Who pinned it: <c>Katalogabruf</c> on first use, else the person who accepted the change.</summary>
    public required string PinnedBy { get; set; }

    /// <summary>Another key a catalogue offered for this AGS, waiting for acceptance; null when none waits.</summary>
    public string? PendingPublicKey { get; set; }

    /// <summary>The catalogue that offered <see cref="PendingPublicKey"/>.</summary>
    public string? PendingCatalogueUrl { get; set; }

    /// <summary>When <see cref="PendingPublicKey"/> was first seen (UTC).</summary>
    public DateTimeOffset? PendingSince { get; set; }
}
