using System.Data.Common;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Persistence.Sql;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Tests.Persistence;

/// <summary>The audit trail's insert-only guard of <see cref="AuditInsertOnlySql"/>, as the initial migration creates it.</summary>
public sealed class AuditInsertOnlySqlTests
{
    [Theory]
    [AllProviders]
    public async Task Migrate_CreatesEveryGuardTrigger(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        await using var db = host.CreatePrivilegedContext(RecordsTestHost.NewTenant());

        var triggers = await SqlProbe.ColumnAsync(db, provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEntries' ORDER BY name"
            : "SELECT tgname FROM pg_trigger WHERE tgrelid = '\"AuditEntries\"'::regclass AND NOT tgisinternal ORDER BY tgname");

        Assert.Equal(
            provider == DatabaseProvider.Sqlite
                ? ["AuditEntries_no_delete", "AuditEntries_no_update"]
                : ["AuditEntries_insert_only", "AuditEntries_no_truncate"],
            triggers);
    }

    [Theory]
    [AllProviders]
    public async Task RawUpdateAndDelete_AreRefused_WhenTheyBypassTheApplication(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await using var db = host.CreatePrivilegedContext(tenant);
        var entry = SqlProbe.AuditEntry(tenant, 1, host.Clock.GetUtcNow());
        await SqlProbe.AddAsync(db, entry);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Actor\" = {"mallory"} WHERE \"Id\" = {entry.Id}"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entry.Id}"));

        Assert.Contains(AuditInsertOnlySql.Message, update.Message, StringComparison.Ordinal);
        Assert.Contains(AuditInsertOnlySql.Message, delete.Message, StringComparison.Ordinal);
        Assert.Equal("sachbearbeitung@test", await SqlProbe.ScalarAsync(db, "SELECT \"Actor\" FROM \"AuditEntries\""));
    }

    [Fact]
    public async Task Truncate_IsRefused_OnPostgres()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Postgres);
        var tenant = RecordsTestHost.NewTenant();
        await using var db = host.CreatePrivilegedContext(tenant);
        await SqlProbe.AddAsync(db, SqlProbe.AuditEntry(tenant, 1, host.Clock.GetUtcNow()));

        var truncate = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\""));

        Assert.Contains(AuditInsertOnlySql.Message, truncate.Message, StringComparison.Ordinal);
        Assert.Equal("1", await SqlProbe.ScalarAsync(db, "SELECT count(*) FROM \"AuditEntries\""));
    }

    [Theory]
    [AllProviders]
    public async Task Drop_RemovesTheGuard_SoTheSameUpdateSucceeds(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await using var db = host.CreatePrivilegedContext(tenant);
        var entry = SqlProbe.AuditEntry(tenant, 1, host.Clock.GetUtcNow());
        await SqlProbe.AddAsync(db, entry);

        foreach (var statement in AuditInsertOnlySql.Drop(provider))
        {
#pragma warning disable EF1002 // Constant statements of the SQL class under test.
            await db.Database.ExecuteSqlRawAsync(statement);
#pragma warning restore EF1002
        }

        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Actor\" = {"mallory"} WHERE \"Id\" = {entry.Id}"));
    }
}
