namespace Amtsweg.Data.Tenancy;

/// <summary>
/// Which tenant the current unit of work (a request, a CLI command, a background job) acts for.
/// Resolved once, early (a request: by the tenant middleware after sign-in), then read by the data layer.
/// The default scope sees no tenant-owned rows at all, so forgetting to resolve a tenant fails closed.
/// </summary>
public sealed class TenantContext
{
    /// <summary>The tenant acted for, or null when none is resolved.</summary>
    public Guid? TenantId { get; private set; }

    /// <summary>
    /// True for platform work that must cross tenants on purpose (sign-in before a tenant is known,
    /// migrations, the operator's tenant list). Never set for case work.
    /// </summary>
    public bool IsPlatformScope { get; private set; }

    /// <summary>Acts for one tenant.</summary>
    public void UseTenant(Guid tenantId)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("A tenant id must not be empty.", nameof(tenantId));
        }

        TenantId = tenantId;
        IsPlatformScope = false;
    }

    /// <summary>Acts across tenants for platform work.</summary>
    public void UsePlatformScope()
    {
        TenantId = null;
        IsPlatformScope = true;
    }

    /// <summary>Acts for nobody: tenant-owned rows are invisible.</summary>
    public void Clear()
    {
        TenantId = null;
        IsPlatformScope = false;
    }
}
