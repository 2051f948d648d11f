using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Amtsweg.Data;

/// <summary>
/// Applies and checks the migrations of every registered module. On PostgreSQL it migrates as the table owner,
/// then enables and forces row-level security on every tenant table and grants the server's role its rights.
/// </summary>
public sealed partial class DatabaseMigrator(
    IServiceProvider services,
    IOptions<DatabaseOptions> options,
    IEnumerable<ModuleDbContext> modules,
    TenantContext tenant,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>Applies all pending migrations of all modules.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(settings.SqlitePath)!);
        }

        tenant.UsePlatformScope();
        foreach (var module in modules)
        {
            await using var context = CreateOwnerContext(module, settings.Provider);
            await RefuseUnknownMigrationsAsync(context, module.Module, cancellationToken).ConfigureAwait(false);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogMigrated(logger, module.Module, pending.Count);
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                await SecurePostgresAsync(context, settings, cancellationToken).ConfigureAwait(false);
            }
        }

        if (settings.Provider == DatabaseProvider.Postgres)
        {
            await using var context = CreateOwnerContext(modules.First(), settings.Provider);
            var leakproof = await context.Database.SqlQueryRaw<bool>(RowLevelSecuritySql.IsFullTextMatchLeakproof)
                .SingleAsync(cancellationToken).ConfigureAwait(false);
            if (!leakproof)
            {
                LogFullTextWithoutIndex(logger, RowLevelSecuritySql.LeakproofFullTextMatch);
            }
        }
    }

    /// <summary>
    /// The embedded SQLite default migrates itself (as <c>serve</c> does); PostgreSQL must be up to date already,
    /// otherwise this throws with the command to run.
    /// </summary>
    public async Task EnsureEmbeddedMigratedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var pending = await GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            throw new InvalidOperationException($"Die Datenbank ist nicht auf dem neuesten Stand ({pending.Count} Migration(en) offen). Führen Sie zuerst „./amtsweg db migrate“ aus.");
        }
    }

    /// <summary>The migrations not yet applied, as "Module: Migration"; empty when the database is up to date.</summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        var pending = new List<string>();
        foreach (var module in modules)
        {
            var context = (DbContext)services.GetRequiredService(module.ContextType);
            var names = await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
            pending.AddRange(names.Select(name => $"{module.Module}: {name}"));
        }

        return pending;
    }

    private DbContext CreateOwnerContext(ModuleDbContext module, DatabaseProvider provider)
    {
        var contextType = provider == DatabaseProvider.Sqlite ? module.SqliteType : module.PostgresType;
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        DataServiceCollectionExtensions.Configure(services, builder, provider, module.Module, owner: true);
        var context = (DbContext)ActivatorUtilities.CreateInstance(services, contextType, builder.Options);
        ((ITenantScopedContext)context).Tenant = services.GetRequiredService<TenantContext>();
        return context;
    }

    // The migrations were squashed into one baseline per module before the first release (ADR 0002): a database
    // made from the old chain would otherwise fail deep inside the baseline with "table already exists".
    private static async Task RefuseUnknownMigrationsAsync(DbContext context, string module, CancellationToken cancellationToken)
    {
        var applied = await context.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false);
        var unknown = applied.Except(context.Database.GetMigrations(), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Die Datenbank des Moduls {module} enthält Migrationen, die diese Programmversion nicht kennt ({string.Join(", ", unknown)}). " +
                "Vor der ersten Veröffentlichung wurden die Migrationen zu einer Ausgangsmigration je Modul zusammengefasst; eine Datenbank aus der Zeit davor muss neu angelegt werden (eingebettet: den Datenordner löschen).");
        }
    }

    private static async Task SecurePostgresAsync(DbContext context, DatabaseOptions settings, CancellationToken cancellationToken)
    {
        var statements = new List<string>();
        foreach (var entityType in context.Model.GetEntityTypes().Where(t => t.FindAnnotation(TenantModel.FilteredAnnotation) is not null))
        {
            statements.AddRange(RowLevelSecuritySql.Secure(entityType.GetTableName()!));
        }

        var applicationRole = new NpgsqlConnectionStringBuilder(settings.ApplicationConnectionString).Username;
        var ownerRole = new NpgsqlConnectionStringBuilder(settings.OwnerConnectionString).Username;
        if (applicationRole is not null && applicationRole != ownerRole)
        {
            statements.AddRange(RowLevelSecuritySql.GrantApplicationRole(applicationRole));
        }

        foreach (var statement in statements)
        {
#pragma warning disable EF1002 // Table and role names come from the model and a checked role name, not from users.
            await context.Database.ExecuteSqlRawAsync(statement, cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Module {Module}: {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string module, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Full-text search cannot use its index under row-level security: run once as a PostgreSQL superuser in this database: {Statement};")]
    private static partial void LogFullTextWithoutIndex(ILogger logger, string statement);
}
