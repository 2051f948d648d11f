using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Amtsweg.Server.Platform;

// Used only by `dotnet ef migrations add`; never at run time.
internal sealed class SqlitePlatformDesignFactory : IDesignTimeDbContextFactory<SqlitePlatformDbContext>
{
    public SqlitePlatformDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePlatformDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(DataServiceCollectionExtensions.MigrationHistoryTable("Platform")))
            .Options);
}

internal sealed class PostgresPlatformDesignFactory : IDesignTimeDbContextFactory<PostgresPlatformDbContext>
{
    public PostgresPlatformDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPlatformDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(DataServiceCollectionExtensions.MigrationHistoryTable("Platform")))
            .Options);
}
