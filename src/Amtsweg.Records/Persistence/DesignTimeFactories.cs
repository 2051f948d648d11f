using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Amtsweg.Records.Persistence;

// Used only by `dotnet ef migrations add`; never at run time.
internal sealed class SqliteRecordsDesignFactory : IDesignTimeDbContextFactory<SqliteRecordsDbContext>
{
    public SqliteRecordsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRecordsDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(DataServiceCollectionExtensions.MigrationHistoryTable(RecordsServiceCollectionExtensions.Module)))
            .Options);
}

internal sealed class PostgresRecordsDesignFactory : IDesignTimeDbContextFactory<PostgresRecordsDbContext>
{
    public PostgresRecordsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRecordsDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(DataServiceCollectionExtensions.MigrationHistoryTable(RecordsServiceCollectionExtensions.Module)))
            .Options);
}
