using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Persistence;

/// <summary>The one initial migration per provider (ADR 0002) and the migrator's answer to a database of the old chain.</summary>
public sealed class BaselineMigrationTests
{
    [Theory]
    [AllProviders]
    public async Task Migrate_AppliesTheBaselineFirst_AndEveryMigration_MatchingTheModel(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        await using var db = CreateOwnerContext(host);

        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();

        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.EndsWith("_InitialRecords", applied[0], StringComparison.Ordinal);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: add one after the baseline (ADR 0002).");
    }

    [Theory]
    [AllProviders]
    public async Task Migrate_ThrowsInGerman_WhenTheDatabaseHasAMigrationOfTheOldChain(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        await using (var db = host.CreatePrivilegedContext(RecordsTestHost.NewTenant()))
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory_Records\" (\"MigrationId\", \"ProductVersion\") VALUES ('20261127071407_IndexSearchTitles', '10.0.0')");
        }

        await using var scope = host.ScopeFor(RecordsTestHost.NewTenant());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None));

        Assert.Contains("20261127071407_IndexSearchTitles", error.Message, StringComparison.Ordinal);
        Assert.Contains("muss neu angelegt werden", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task MigrateToZero_RemovesEveryObject_IncludingThoseOfTheSqlClasses(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        await using var db = CreateOwnerContext(host);

        await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);

        var left = await SqlProbe.ColumnAsync(db, provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE name NOT LIKE '__EFMigrations%' AND name NOT LIKE 'sqlite_%'"
            : "SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname NOT LIKE '%EFMigrationsHistory%' UNION ALL SELECT proname::text FROM pg_proc WHERE pronamespace = 'public'::regnamespace");
        Assert.Empty(left);
    }

    // The migrations' own view: the module's history table, and on PostgreSQL the owner of the tables.
    internal static RecordsDbContext CreateOwnerContext(RecordsTestHost host)
    {
        var history = DataServiceCollectionExtensions.MigrationHistoryTable(RecordsServiceCollectionExtensions.Module);
        return host.Provider == DatabaseProvider.Sqlite
            ? new SqliteRecordsDbContext(
                new DbContextOptionsBuilder<SqliteRecordsDbContext>().UseSqlite($"Data Source={Path.Combine(host.Store.DataDirectory, "amtsweg.db")}", o => o.MigrationsHistoryTable(history)).Options)
            : new PostgresRecordsDbContext(
                new DbContextOptionsBuilder<PostgresRecordsDbContext>().UseNpgsql(host.Store.Postgres!.OwnerConnectionString, o => o.MigrationsHistoryTable(history)).Options);
    }
}
