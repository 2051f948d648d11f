using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Amtsweg.Records.Tests.Persistence;

/// <summary>
/// The row-level security of <see cref="RowLevelSecuritySql"/> on the e-file's tables, as <c>DatabaseMigrator</c>
/// applies it after the migrations (PostgreSQL only: SQLite has no row-level security). The server-wide checks over
/// every module are <c>TenancyTests.RowLevelSecurity_*</c> in the server tests.
/// </summary>
public sealed class RowLevelSecuritySqlTests
{
    [Fact]
    public async Task Migrate_ForcesRowLevelSecurityWithThePolicy_OnEveryRecordsTenantTable()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Postgres);
        await using var db = host.CreatePrivilegedContext(RecordsTestHost.NewTenant());
        var tables = db.Model.GetEntityTypes()
            .Where(type => type.FindAnnotation(TenantModel.FilteredAnnotation) is not null)
            .Select(type => (string?)type.GetTableName())
            .Order(StringComparer.Ordinal)
            .ToList();

        var secured = await SqlProbe.ColumnAsync(db,
            $"SELECT c.relname FROM pg_class c JOIN pg_policies p ON p.tablename = c.relname WHERE c.relrowsecurity AND c.relforcerowsecurity AND p.policyname = '{RowLevelSecuritySql.PolicyName}' ORDER BY c.relname COLLATE \"C\"");

        Assert.Contains("SearchEntries", tables);
        Assert.Equal(tables, secured);
    }

    [Fact]
    public async Task Policy_ShowsAndAcceptsOnlyTheConnectionsTenant_ForTheServerRole()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Postgres);
        var first = RecordsTestHost.NewTenant();
        var second = RecordsTestHost.NewTenant();
        await using (var admin = host.CreatePrivilegedContext(first))
        {
            await SqlProbe.AddAsync(admin, SqlProbe.SearchEntry(first, "gewerbe", "a"), SqlProbe.SearchEntry(second, "gewerbe", "b"));
        }

        await using var connection = new NpgsqlConnection(host.Store.Postgres!.ApplicationConnectionString);
        await connection.OpenAsync();
        var none = await ScalarAsync(connection, "SELECT count(*) FROM \"SearchEntries\"");
        await ScalarAsync(connection, $"SELECT set_config('{PostgresTenantInterceptor.TenantSetting}', '{first}', false)");
        var own = await ScalarAsync(connection, "SELECT count(*) FROM \"SearchEntries\"");
        var foreignWrite = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection,
            $"UPDATE \"SearchEntries\" SET \"TenantId\" = '{second}' WHERE \"TenantId\" = '{first}'"));

        Assert.Equal(0L, none);
        Assert.Equal(1L, own);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, foreignWrite.SqlState);
    }

    [Fact]
    public async Task LeakproofFullTextMatch_LetsTheServerRoleSearchThroughTheGinIndex()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Postgres);
        var tenant = RecordsTestHost.NewTenant();
        await using (var admin = host.CreatePrivilegedContext(tenant))
        {
            await SqlProbe.AddAsync(admin, Enumerable.Range(0, 50).Select(i => (object)SqlProbe.SearchEntry(tenant, $"titel{i}", $"text{i}")).ToArray());
            Assert.Equal("True", await SqlProbe.ScalarAsync(admin, RowLevelSecuritySql.IsFullTextMatchLeakproof));
            await admin.Database.ExecuteSqlRawAsync("ANALYZE \"SearchEntries\"");
        }

        await using var connection = new NpgsqlConnection(host.Store.Postgres!.ApplicationConnectionString);
        await connection.OpenAsync();
        await ScalarAsync(connection, $"SELECT set_config('{PostgresTenantInterceptor.TenantSetting}', '{tenant}', false)");
        await ScalarAsync(connection, "SET enable_seqscan = off");
        var plan = await ColumnAsync(connection, "EXPLAIN SELECT \"Id\" FROM \"SearchEntries\" WHERE \"Vector\" @@ to_tsquery('simple', 'text7')");

        Assert.Contains(plan, line => line.Contains("IX_SearchEntries_Vektor", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("amtsweg_app; DROP TABLE x")]
    [InlineData("\"quoted\"")]
    [InlineData("Upper")]
    public void GrantApplicationRole_Throws_WhenRoleIsNotAPlainName(string role)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RowLevelSecuritySql.GrantApplicationRole(role));

        Assert.Contains("ConnectionStrings:Amtsweg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secure_QuotesTheTableName()
    {
        var statements = RowLevelSecuritySql.Secure("Such\"Eintraege");

        Assert.All(statements, statement => Assert.Contains("\"Such\"\"Eintraege\"", statement, StringComparison.Ordinal));
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<List<string>> ColumnAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
