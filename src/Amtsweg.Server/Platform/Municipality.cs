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

    /// <summary>
    /// A test municipality (schooling, trials, the demo): its AGS need not be in the official code list, and it is shown
    /// as „Testgemeinde“ wherever municipalities are listed.
    /// </summary>
    public bool IsTest { get; set; }

    /// <summary>When the tenant was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Minutes of inactivity after which a session of this municipality's users ends; null: the platform's
    /// <c>Amtsweg:Session:IdleTimeoutMinutes</c>. Kept within the platform's limits by the settings page.
    /// </summary>
    public int? SessionTimeoutMinutes { get; set; }

    /// <summary>
    /// Vier-Augen-Prinzip for deployments (issue 13.4/13.5): when on, „Bereitstellen“ in the modeler and the form editor
    /// creates a <see cref="DeploymentApproval"/> that a second person approves before the version is live.
    /// </summary>
    public bool FourEyesDeployments { get; set; }

    /// <summary>The login name of whoever changed the settings last, or null when they were never changed.</summary>
    public string? SettingsUpdatedBy { get; set; }

    /// <summary>When the settings were changed last (UTC).</summary>
    public DateTimeOffset? SettingsUpdatedAt { get; set; }
}
