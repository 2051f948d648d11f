using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Amtsweg.Data.Tenancy;

/// <summary>
/// Applies the tenant filter to every <see cref="ITenantOwned"/> entity of a model. Each module's DbContext
/// calls <see cref="ApplyTenantFilters"/> at the end of <c>OnModelCreating</c>; the tenancy meta-test checks
/// that no tenant-owned entity type is left without it.
/// </summary>
public static class TenantModel
{
    /// <summary>Annotation set on every entity type that carries the tenant filter.</summary>
    public const string FilteredAnnotation = "Amtsweg:TenantFiltered";

    /// <summary>Adds the filter <c>platform scope || TenantId == current tenant</c> and an index on TenantId.</summary>
    public static void ApplyTenantFilters<TContext>(this ModelBuilder modelBuilder, TContext context)
        where TContext : DbContext, ITenantScopedContext
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(IsTenantOwned).ToList())
        {
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(BuildFilter(entityType.ClrType, context));
            modelBuilder.Entity(entityType.ClrType).HasIndex(nameof(ITenantOwned.TenantId));
            entityType.SetAnnotation(FilteredAnnotation, true);
        }
    }

    /// <summary>True when the entity type belongs to a tenant.</summary>
    public static bool IsTenantOwned(IReadOnlyEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        return entityType.BaseType is null && typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType);
    }

    // Builds e => context.IsPlatformScope || e.TenantId == context.CurrentTenantId. The members are read
    // from the DbContext instance so that EF Core parameterises them per query instead of baking them in.
    private static LambdaExpression BuildFilter<TContext>(Type clrType, TContext context)
        where TContext : DbContext, ITenantScopedContext
    {
        var entity = Expression.Parameter(clrType, "e");
        var contextExpression = Expression.Constant(context);
        var platform = Expression.Property(contextExpression, nameof(ITenantScopedContext.IsPlatformScope));
        var current = Expression.Property(contextExpression, nameof(ITenantScopedContext.CurrentTenantId));
        var tenantId = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        var body = Expression.OrElse(platform, Expression.Equal(tenantId, current));
        return Expression.Lambda(body, entity);
    }
}

/// <summary>A DbContext that exposes the tenant of its unit of work to the query filter.</summary>
public interface ITenantScopedContext
{
    /// <summary>
    /// The tenant of the unit of work. Contexts are pooled: the registration sets it each time it hands a context to
    /// a scope (<see cref="DataServiceCollectionExtensions.AddModuleDbContext{TContext, TSqlite, TPostgres}"/>); a
    /// context made with <c>new</c> acts for nobody until it is set.
    /// </summary>
    TenantContext Tenant { get; set; }

    /// <summary>The tenant the context acts for, or null.</summary>
    Guid? CurrentTenantId { get; }

    /// <summary>True when the context acts across tenants for platform work.</summary>
    bool IsPlatformScope { get; }
}
