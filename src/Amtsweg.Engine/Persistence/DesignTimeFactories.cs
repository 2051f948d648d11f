using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Amtsweg.Engine.Persistence;

// Used only by `dotnet ef migrations add`; never at run time.
internal sealed class SqliteEngineDesignFactory : IDesignTimeDbContextFactory<SqliteEngineDbContext>
{
    public SqliteEngineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteEngineDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(DataServiceCollectionExtensions.MigrationHistoryTable("Engine")))
            .Options);
}

internal sealed class PostgresEngineDesignFactory : IDesignTimeDbContextFactory<PostgresEngineDbContext>
{
    public PostgresEngineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEngineDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(DataServiceCollectionExtensions.MigrationHistoryTable("Engine")))
            .Options);
}
