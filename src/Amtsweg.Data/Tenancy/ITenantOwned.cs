namespace Amtsweg.Data.Tenancy;

/// <summary>
/// Marks an entity that belongs to one tenant (municipality). Such entities are filtered and stamped
/// by the data layer (ADR 0004); features never filter by tenant themselves.
/// </summary>
public interface ITenantOwned
{
    /// <summary>The owning tenant; set by the data layer when the entity is added.</summary>
    Guid TenantId { get; set; }
}
