using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// An absence with a deputy (Vertretung): from <see cref="From"/> to <see cref="Until"/> (Berlin calendar days, both
/// included) the deputy works the absent person's tasks and the tasks offered to them or their groups.
/// </summary>
public sealed class Absence : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The user name of the absent person.</summary>
    public required string UserName { get; set; }

    /// <summary>The user name of the deputy.</summary>
    public required string DeputyUserName { get; set; }

    /// <summary>The first day of the absence.</summary>
    public DateOnly From { get; set; }

    /// <summary>The last day of the absence.</summary>
    public DateOnly Until { get; set; }

    /// <summary>Who entered it (the absent person or Leitung).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was entered (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
