using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Amtsweg.Data.Tenancy;

/// <summary>
/// Stamps new tenant-owned entities with the current tenant and refuses to save a change to another
/// tenant's row. Registered on every module's DbContext by <see cref="DataServiceCollectionExtensions"/>.
/// </summary>
public sealed class TenantStampingInterceptor(TenantContext tenant) : SaveChangesInterceptor
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

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added when entry.Entity.TenantId == Guid.Empty:
                    entry.Entity.TenantId = tenant.TenantId
                        ?? throw new TenantMissingException($"Cannot add {entry.Metadata.ClrType.Name} without a tenant.");
                    break;
                case EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    EnsureOwnTenant(entry.Entity.TenantId, entry.Metadata.ClrType.Name);
                    break;
                case EntityState.Detached or EntityState.Unchanged:
                    break;
            }
        }
    }

    private void EnsureOwnTenant(Guid rowTenant, string entityName)
    {
        if (!tenant.IsPlatformScope && tenant.TenantId != rowTenant)
        {
            throw new TenantMissingException($"Cannot write {entityName} of another tenant.");
        }
    }
}

/// <summary>Thrown when tenant-owned data is written without a tenant or for a foreign tenant.</summary>
public sealed class TenantMissingException(string message) : InvalidOperationException(message);
