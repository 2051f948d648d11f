using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Platform.Transfer;

/// <summary>How the rows of one table travel with a municipality.</summary>
public enum TransferKind
{
    /// <summary>The table has a <c>TenantId</c>: the municipality's rows go.</summary>
    TenantRows,

    /// <summary>The municipality's own row (<see cref="Municipality"/>).</summary>
    Municipality,

    /// <summary>Rows that hang off a tenant table by a foreign key (claims, logins and roles of the users).</summary>
    ThroughParent,

    /// <summary>Installation-wide rows the municipality's rows refer to; imported only where the key is missing.</summary>
    Referenced,

    /// <summary>Installation-wide rows that stay where they are.</summary>
    NotExported,
}

/// <summary>One table of a module's model and how it travels.</summary>
/// <param name="Module">The module whose DbContext maps the table.</param>
/// <param name="EntityType">The entity type (the root of its hierarchy).</param>
/// <param name="Kind">How its rows travel.</param>
/// <param name="Reason">Why, for the tables that are not simply tenant rows.</param>
public sealed record TransferTable(string Module, IEntityType EntityType, TransferKind Kind, string? Reason)
{
    /// <summary>The table's name in the database and in the archive.</summary>
    public string Name => EntityType.GetTableName()!;

    /// <summary>The archive entry of its rows.</summary>
    public string Entry => $"tables/{Module}/{Name}.jsonl";

    /// <summary>The mapped properties (of the whole hierarchy), in model order.</summary>
    public IReadOnlyList<IProperty> Properties => [.. EntityType.GetDerivedTypesInclusive().SelectMany(t => t.GetDeclaredProperties())];

    /// <summary>The column of a property in this table.</summary>
    public string Column(IProperty property) => property.GetColumnName(StoreObjectIdentifier.Table(Name, EntityType.GetSchema()))!;

    /// <summary>The foreign key by which a <see cref="TransferKind.ThroughParent"/> row hangs off its tenant table.</summary>
    public IForeignKey? ParentKey { get; init; }
}

/// <summary>
/// The tables of every module's model and how each travels in a municipality's archive (docs/tenant-export.md). Derived
/// from the EF models: a table with a <c>TenantId</c> travels without a code change; every other table needs a decision
/// here, and <see cref="Describe"/> refuses a model with a table that has neither (the test
/// <c>TransferTablesTests.EveryTable_HasTenantIdOrTransferDecision</c> fails then).
/// </summary>
public static class TransferTables
{
    /// <summary>The decisions for the tables without <c>TenantId</c>, and why.</summary>
    public static readonly IReadOnlyDictionary<Type, (TransferKind Kind, string Reason)> Decisions = new Dictionary<Type, (TransferKind, string)>
    {
        [typeof(Municipality)] = (TransferKind.Municipality, "the municipality itself"),
        [typeof(IdentityUserRole<Guid>)] = (TransferKind.ThroughParent, "the users' roles, matched by the role's name in the target"),
        [typeof(IdentityUserClaim<Guid>)] = (TransferKind.ThroughParent, "hangs off a user"),
        [typeof(IdentityUserLogin<Guid>)] = (TransferKind.ThroughParent, "hangs off a user"),
        [typeof(IdentityUserToken<Guid>)] = (TransferKind.ThroughParent, "hangs off a user"),
        [typeof(AppRole)] = (TransferKind.NotExported, "the fixed roles every installation creates itself"),
        [typeof(IdentityRoleClaim<Guid>)] = (TransferKind.NotExported, "hangs off a role of the installation"),
        [typeof(DataProtectionKey)] = (TransferKind.NotExported, "the installation's cookie keys"),
        [typeof(LibraryPackage)] = (TransferKind.Referenced, "the package versions the municipality installed or asked to publish"),
        [typeof(CatalogueSubscription)] = (TransferKind.NotExported, "the installation's catalogue subscriptions, run by the operator"),
        [typeof(PinnedPublisherKey)] = (TransferKind.NotExported, "the publisher keys the installation trusts"),
    };

    /// <summary>The column every tenant table carries.</summary>
    public const string TenantIdProperty = nameof(ITenantOwned.TenantId);

    /// <summary>
    /// Every table of every registered module with its kind, modules in registration order and tables in dependency
    /// order (a table after those its foreign keys point to). Throws when a table has neither a <c>TenantId</c> nor a
    /// decision in <see cref="Decisions"/>.
    /// </summary>
    public static IReadOnlyList<TransferTable> Describe(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var tables = new List<TransferTable>();
        var missing = new List<string>();
        foreach (var module in services.GetServices<ModuleDbContext>())
        {
            var context = (DbContext)services.GetRequiredService(module.ContextType);
            var described = new List<TransferTable>();
            foreach (var entityType in context.Model.GetEntityTypes().Where(t => t.BaseType is null))
            {
                if (entityType.IsOwned() || entityType.GetTableName() is null || entityType.FindPrimaryKey() is null)
                {
                    missing.Add($"{module.Module}: {entityType.ClrType.Name} (owned, keyless or without table)");
                    continue;
                }

                if (entityType.FindProperty(TenantIdProperty) is not null && entityType.FindAnnotation(TenantModel.FilteredAnnotation) is not null)
                {
                    described.Add(new TransferTable(module.Module, entityType, TransferKind.TenantRows, null));
                }
                else if (Decisions.TryGetValue(entityType.ClrType, out var decision))
                {
                    described.Add(new TransferTable(module.Module, entityType, decision.Kind, decision.Reason));
                }
                else
                {
                    missing.Add($"{module.Module}: {entityType.ClrType.Name}");
                }
            }

            tables.AddRange(Order(Parents(described)));
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException("Tabellen ohne TenantId und ohne Entscheidung für den Export (TransferTables.Decisions): " + string.Join(", ", missing));
        }

        return tables;
    }

    // A row that hangs off a table of the tenant finds its parent through the first foreign key to such a table.
    private static List<TransferTable> Parents(List<TransferTable> tables)
    {
        var tenantTypes = tables.Where(t => t.Kind == TransferKind.TenantRows).Select(t => t.EntityType).ToHashSet();
        return [.. tables.Select(table => table.Kind != TransferKind.ThroughParent ? table : table with
        {
            ParentKey = table.EntityType.GetForeignKeys().FirstOrDefault(fk => tenantTypes.Contains(fk.PrincipalEntityType.GetRootType()) && fk.Properties.Count == 1)
                ?? throw new InvalidOperationException($"{table.EntityType.ClrType.Name} hangs off no tenant table by a foreign key of one column."),
        })];
    }

    // Kahn's order over the foreign keys between the module's tables; a foreign key to its own table is ordered by row.
    private static List<TransferTable> Order(List<TransferTable> tables)
    {
        var byType = tables.ToDictionary(t => t.EntityType);
        var ordered = new List<TransferTable>();
        var placed = new HashSet<IEntityType>();
        var remaining = tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(table => table.EntityType.GetForeignKeys()
                .Select(fk => fk.PrincipalEntityType.GetRootType())
                .All(principal => principal == table.EntityType || placed.Contains(principal) || !byType.ContainsKey(principal)))
                ?? throw new InvalidOperationException("The foreign keys between the tables form a cycle: " + string.Join(", ", remaining.Select(t => t.Name)));
            ordered.Add(next);
            placed.Add(next.EntityType);
            remaining.Remove(next);
        }

        return ordered;
    }
}
