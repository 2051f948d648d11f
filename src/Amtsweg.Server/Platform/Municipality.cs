namespace Amtsweg.Server.Platform;

/// <summary>A tenant: one municipality hosted on this installation.</summary>
public sealed class Municipality
{
    /// <summary>UUID v7, also the TenantId of everything the municipality owns.</summary>
    public Guid Id { get; set; }

    /// <summary>Amtlicher Gemeindeschlüssel, 8 digits, unique.</summary>
    public required string Ags { get; set; }

    /// <summary>Display name, for example "Musterstadt".</summary>
    public required string Name { get; set; }

    /// <summary>Federal state, derived from and checked against the AGS.</summary>
    public FederalState FederalState { get; set; }

    /// <summary>When the tenant was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
