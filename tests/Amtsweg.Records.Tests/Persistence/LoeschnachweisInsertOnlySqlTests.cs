using System.Data.Common;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Persistence.Sql;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Tests.Persistence;

/// <summary>The tombstones' insert-only guard of <see cref="LoeschnachweisInsertOnlySql"/>, as the initial migration creates it.</summary>
public sealed class LoeschnachweisInsertOnlySqlTests
{
    [Theory]
    [AllProviders]
    public async Task Migrate_CreatesEveryGuardTrigger(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        await using var db = host.CreatePrivilegedContext(RecordsTestHost.NewTenant());

        var triggers = await SqlProbe.ColumnAsync(db, provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Loeschnachweise' ORDER BY name"
            : "SELECT tgname FROM pg_trigger WHERE tgrelid = '\"Loeschnachweise\"'::regclass AND NOT tgisinternal ORDER BY tgname");

        Assert.Equal(
            provider == DatabaseProvider.Sqlite
                ? ["Loeschnachweise_no_delete", "Loeschnachweise_no_update"]
                : ["Loeschnachweise_insert_only", "Loeschnachweise_no_truncate"],
            triggers);
    }

    [Theory]
    [AllProviders]
    public async Task RawUpdateAndDelete_AreRefused_WhenTheyBypassTheApplication(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await using var db = host.CreatePrivilegedContext(tenant);
        var entry = SqlProbe.Loeschnachweis(tenant, host.Clock.GetUtcNow());
        await SqlProbe.AddAsync(db, entry);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"UPDATE \"Loeschnachweise\" SET \"DeletedBy\" = {"mallory"} WHERE \"Id\" = {entry.Id}"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"Loeschnachweise\" WHERE \"Id\" = {entry.Id}"));

        Assert.Contains(LoeschnachweisInsertOnlySql.Message, update.Message, StringComparison.Ordinal);
        Assert.Contains(LoeschnachweisInsertOnlySql.Message, delete.Message, StringComparison.Ordinal);
        Assert.Equal("sachbearbeitung@test", await SqlProbe.ScalarAsync(db, "SELECT \"DeletedBy\" FROM \"Loeschnachweise\""));
    }

    [Fact]
    public async Task Truncate_IsRefused_OnPostgres()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Postgres);
        var tenant = RecordsTestHost.NewTenant();
        await using var db = host.CreatePrivilegedContext(tenant);
        await SqlProbe.AddAsync(db, SqlProbe.Loeschnachweis(tenant, host.Clock.GetUtcNow()));

        var truncate = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"Loeschnachweise\""));

        Assert.Contains(LoeschnachweisInsertOnlySql.Message, truncate.Message, StringComparison.Ordinal);
        Assert.Equal("1", await SqlProbe.ScalarAsync(db, "SELECT count(*) FROM \"Loeschnachweise\""));
    }

    [Theory]
    [AllProviders]
    public async Task Drop_RemovesTheGuard_SoTheSameUpdateSucceeds(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await using var db = host.CreatePrivilegedContext(tenant);
        var entry = SqlProbe.Loeschnachweis(tenant, host.Clock.GetUtcNow());
        await SqlProbe.AddAsync(db, entry);

        foreach (var statement in LoeschnachweisInsertOnlySql.Drop(provider))
        {
#pragma warning disable EF1002 // Constant statements of the SQL class under test.
            await db.Database.ExecuteSqlRawAsync(statement);
#pragma warning restore EF1002
        }

        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE \"Loeschnachweise\" SET \"DeletedBy\" = {"mallory"} WHERE \"Id\" = {entry.Id}"));
    }
}
