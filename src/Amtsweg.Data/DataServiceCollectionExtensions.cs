using System.Data.Common;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Amtsweg.Data;

/// <summary>Registers the data layer: options, tenancy and the migrator. Each module adds its own DbContext with <see cref="AddModuleDbContext{TContext, TSqlite, TPostgres}"/>.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>Adds the data layer, bound to <c>Amtsweg:Database</c>, <c>Amtsweg:DataDirectory</c> and the connection strings.</summary>
    public static IServiceCollection AddAmtswegData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Configure(options =>
            {
                options.DataDirectory = configuration["Amtsweg:DataDirectory"] ?? options.DataDirectory;
                options.ConnectionString ??= configuration.GetConnectionString("Amtsweg");
                options.MigrationConnectionString ??= configuration.GetConnectionString("AmtswegMigrations");
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddScoped<TenantContext>();
        services.AddSingleton<ITenantScopeFactory, TenantScopeFactory>();
        services.AddSingleton<TenantStampingInterceptor>();
        services.AddSingleton<PostgresTenantInterceptor>();
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<UnitOfWork>();
        return services;
    }

    /// <summary>
    /// Registers a module's DbContext: <typeparamref name="TContext"/> resolves to the subclass of the configured
    /// provider, which owns that provider's migrations. Each module keeps its own migration history table.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(this IServiceCollection services, string module)
        where TContext : DbContext, ITenantScopedContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        // Contexts are pooled: creating one (EF Core's internal services, the options checks) was a fifth of an engine
        // command's allocations (issue 18). What differs per scope, the tenant, is set on the context when a scope
        // takes it from the pool, and the query filters and interceptors read it from there.
        services.AddPooledDbContextFactory<TSqlite>((provider, builder) => Configure(provider, builder, DatabaseProvider.Sqlite, module, owner: false));
        services.AddPooledDbContextFactory<TPostgres>((provider, builder) => Configure(provider, builder, DatabaseProvider.Postgres, module, owner: false));
        // Only the module's context is a service: the scope disposes what a factory returns, and a second
        // registration of the same instance would dispose it twice, the second time after it went back to the pool.
        services.AddScoped<TContext>(provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.Sqlite => Lease<TSqlite>(provider),
            DatabaseProvider.Postgres => Lease<TPostgres>(provider),
        });
        services.AddSingleton(new ModuleDbContext(module, typeof(TContext), typeof(TSqlite), typeof(TPostgres)));
        return services;
    }

    // The scope disposes the context, which returns it to the pool.
    private static TContext Lease<TContext>(IServiceProvider provider)
        where TContext : DbContext, ITenantScopedContext
    {
        var context = provider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
        context.Tenant = provider.GetRequiredService<TenantContext>();
        return context;
    }

    /// <summary>Configures EF Core for one provider: connection, migration history table, interceptors.</summary>
    internal static void Configure(IServiceProvider services, DbContextOptionsBuilder builder, DatabaseProvider provider, string module, bool owner)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var historyTable = MigrationHistoryTable(module);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(options.ApplicationConnectionString, sqlite => sqlite.MigrationsHistoryTable(historyTable));
                builder.AddInterceptors(services.GetRequiredService<SqlitePragmaInterceptor>());
                break;
            case DatabaseProvider.Postgres:
                var connectionString = WithPreparedStatements(owner ? options.OwnerConnectionString : options.ApplicationConnectionString);
                builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(historyTable));
                builder.AddInterceptors(services.GetRequiredService<PostgresTenantInterceptor>());
                break;
        }

        builder.AddInterceptors(services.GetRequiredService<TenantStampingInterceptor>());
    }

    /// <summary>
    /// Turns on Npgsql's automatic preparation of statements (<c>Max Auto Prepare=64</c>, after two uses) unless the
    /// connection string says otherwise: the engine runs the same few statements for every job and instance, and
    /// PostgreSQL then parses and plans each once per connection instead of every time (issue 18: 30 % more jobs per
    /// second in the benchmark). A provider behind PgBouncer in transaction mode sets <c>Max Auto Prepare=0</c>.
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    /// <summary>The migration history table of a module.</summary>
    public static string MigrationHistoryTable(string module) => "__EFMigrationsHistory_" + module;
}

/// <summary>A module's DbContext as registered: its base type and the provider-specific subclasses.</summary>
public sealed record ModuleDbContext(string Module, Type ContextType, Type SqliteType, Type PostgresType);
