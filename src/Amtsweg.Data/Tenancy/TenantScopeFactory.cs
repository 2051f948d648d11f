using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Data.Tenancy;

/// <summary>
/// Creates service scopes that already act for a tenant (or for the platform): the unit of work of a background
/// service, a CLI command or a test, which has no request whose middleware could resolve the tenant.
/// </summary>
public interface ITenantScopeFactory
{
    /// <summary>A new scope acting for <paramref name="tenantId"/>. Dispose it.</summary>
    AsyncServiceScope CreateScope(Guid tenantId);

    /// <summary>A new scope for platform work across tenants. Dispose it.</summary>
    AsyncServiceScope CreatePlatformScope();
}

internal sealed class TenantScopeFactory(IServiceScopeFactory scopes) : ITenantScopeFactory
{
    public AsyncServiceScope CreateScope(Guid tenantId) => Create(tenant => tenant.UseTenant(tenantId));

    public AsyncServiceScope CreatePlatformScope() => Create(tenant => tenant.UsePlatformScope());

    private AsyncServiceScope Create(Action<TenantContext> use)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            use(scope.ServiceProvider.GetRequiredService<TenantContext>());
            return scope;
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }
}

/// <summary>Shorthands of <see cref="ITenantScopeFactory"/> for code that holds a service provider.</summary>
public static class TenantScopeExtensions
{
    /// <summary>A new scope acting for <paramref name="tenantId"/>. Dispose it.</summary>
    public static AsyncServiceScope CreateTenantScope(this IServiceProvider services, Guid tenantId) =>
        services.GetRequiredService<ITenantScopeFactory>().CreateScope(tenantId);

    /// <summary>A new scope for platform work across tenants. Dispose it.</summary>
    public static AsyncServiceScope CreatePlatformScope(this IServiceProvider services) =>
        services.GetRequiredService<ITenantScopeFactory>().CreatePlatformScope();
}
