using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Amtsweg.Data.Tenancy;

/// <summary>
/// Stamps new tenant-owned entities with the current tenant and refuses to save a change to another
/// tenant's row. Registered on every module's DbContext by <see cref="DataServiceCollectionExtensions"/>.
/// </summary>
/// <remarks>
/// It reads the tenant from the context that saves (<see cref="ITenantScopedContext"/>) rather than holding the scope's
/// <see cref="TenantContext"/>: one instance serves every scope, so the contexts' options are built once per process
/// instead of once per unit of work (issue 18: building them was about a tenth of an engine command's allocations).
/// </remarks>
public sealed class TenantStampingInterceptor : SaveChangesInterceptor
{
    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Stamp(eventData.Context);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var tenant = context as ITenantScopedContext
            ?? throw new InvalidOperationException($"{context.GetType().Name} does not say which tenant it acts for ({nameof(ITenantScopedContext)}).");
        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>())
        {
            Stamp(tenant, entry.Entity, entry.State, entry.Metadata.ClrType.Name);
        }
    }

    /// <summary>
    /// Stamps a new row with the context's tenant, or refuses a row of another tenant that is added, changed or deleted;
    /// also for rows a module writes without EF Core's <c>SaveChanges</c>.
    /// </summary>
    public static void Stamp(ITenantScopedContext tenant, ITenantOwned row, EntityState state, string entityName)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(row);
        switch (state)
        {
            case EntityState.Added when row.TenantId == Guid.Empty:
                row.TenantId = tenant.CurrentTenantId
                    ?? throw new TenantMissingException($"Cannot add {entityName} without a tenant.");
                break;
            case EntityState.Added or EntityState.Modified or EntityState.Deleted:
                EnsureOwnTenant(tenant, row.TenantId, entityName);
                break;
            case EntityState.Detached or EntityState.Unchanged:
                break;
        }
    }

    private static void EnsureOwnTenant(ITenantScopedContext tenant, Guid rowTenant, string entityName)
    {
        if (!tenant.IsPlatformScope && tenant.CurrentTenantId != rowTenant)
        {
            throw new TenantMissingException($"Cannot write {entityName} of another tenant.");
        }
    }
}

/// <summary>Thrown when tenant-owned data is written without a tenant or for a foreign tenant.</summary>
public sealed class TenantMissingException(string message) : InvalidOperationException(message);
