using Amtsweg.Data.Providers;
using Amtsweg.Records.Persistence.Sql;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Amtsweg.Records.Tests.Persistence;

/// <summary>
/// The full-text index of <see cref="SearchIndexSql"/>: SQLite's FTS5 tables and their triggers, PostgreSQL's
/// identity number, generated tsvector columns and GIN indexes, as the initial migration creates them.
/// </summary>
public sealed class SearchIndexSqlTests
{
    [Theory]
    [AllProviders]
    public async Task Insert_NumbersEntriesInWritingOrder_AndIndexesTitleAndText(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await using var db = host.CreatePrivilegedContext(tenant);
        var first = SqlProbe.SearchEntry(tenant, "gewerbeanmeldung baeckerei", "antrag eroeffnung");
        var second = SqlProbe.SearchEntry(tenant, "bauantrag carport", "gewerbeanmeldung erwaehnt");
        await SqlProbe.AddAsync(db, first);
        await SqlProbe.AddAsync(db, second);

        var numbers = await SqlProbe.ColumnAsync(db, "SELECT \"Sequence\" FROM \"SearchEntries\" ORDER BY \"Sequence\"");
        var inTitleOrText = await MatchesAsync(db, provider, titleOnly: false, "gewerbeanmeldung");
        var inTitle = await MatchesAsync(db, provider, titleOnly: true, "gewerbeanmeldung");

        Assert.Equal(2, numbers.Distinct().Count());
        Assert.Equal([first.Id, second.Id], await IdsByNumberAsync(db));
        Assert.Equal([first.Id, second.Id], inTitleOrText);
        Assert.Equal([first.Id], inTitle);
    }

    [Theory]
    [AllProviders]
    public async Task UpdateAndDelete_KeepTheIndexInStep(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await using var db = host.CreatePrivilegedContext(tenant);
        var entry = SqlProbe.SearchEntry(tenant, "gewerbeanmeldung baeckerei", "antrag");
        var other = SqlProbe.SearchEntry(tenant, "bauantrag", "carport");
        await SqlProbe.AddAsync(db, entry, other);

        await db.Database.ExecuteSqlAsync($"UPDATE \"SearchEntries\" SET \"TitleTerms\" = {"gewerbeabmeldung"}, \"BodyTerms\" = {"schliessung"} WHERE \"Id\" = {entry.Id}");
        var oldTerms = await MatchesAsync(db, provider, titleOnly: false, "baeckerei");
        var oldTitle = await MatchesAsync(db, provider, titleOnly: true, "gewerbeanmeldung");
        var newTitle = await MatchesAsync(db, provider, titleOnly: true, "gewerbeabmeldung");
        var newText = await MatchesAsync(db, provider, titleOnly: false, "schliessung");
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"SearchEntries\" WHERE \"Id\" = {entry.Id}");
        var afterDelete = await MatchesAsync(db, provider, titleOnly: false, "gewerbeabmeldung");
        var afterDeleteTitle = await MatchesAsync(db, provider, titleOnly: true, "gewerbeabmeldung");

        Assert.Empty(oldTerms);
        Assert.Empty(oldTitle);
        Assert.Equal([entry.Id], newTitle);
        Assert.Equal([entry.Id], newText);
        Assert.Empty(afterDelete);
        Assert.Empty(afterDeleteTitle);
        Assert.Equal([other.Id], await MatchesAsync(db, provider, titleOnly: true, "bauantrag"));
        if (provider == DatabaseProvider.Sqlite)
        {
            // Contentless tables with contentless_delete: the deleted entry's row is gone, not just hidden.
            Assert.Equal("1", await SqlProbe.ScalarAsync(db, "SELECT count(*) FROM \"SearchIndex\""));
            Assert.Equal("1", await SqlProbe.ScalarAsync(db, "SELECT count(*) FROM \"SearchTitles\""));
        }
    }

    [Theory]
    [AllProviders]
    public async Task Migrate_CreatesTheIndexObjects(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        await using var db = host.CreatePrivilegedContext(RecordsTestHost.NewTenant());

        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.Equal(
                ["IX_SearchEntries_Nummer", "SearchEntries_ad", "SearchEntries_ai", "SearchEntries_au", "SearchIndex", "SearchTitles"],
                await SqlProbe.ColumnAsync(db, "SELECT name FROM sqlite_master WHERE name IN ('IX_SearchEntries_Nummer', 'SearchEntries_ad', 'SearchEntries_ai', 'SearchEntries_au', 'SearchIndex', 'SearchTitles') ORDER BY name"));
            Assert.All(
                await SqlProbe.ColumnAsync(db, "SELECT sql FROM sqlite_master WHERE name IN ('SearchIndex', 'SearchTitles')"),
                sql => Assert.Contains("fts5", sql, StringComparison.Ordinal));
        }
        else
        {
            // 's': a stored generated column; 'a': an identity column GENERATED ALWAYS.
            Assert.Equal("s", await SqlProbe.ScalarAsync(db, "SELECT attgenerated::text FROM pg_attribute WHERE attrelid = '\"SearchEntries\"'::regclass AND attname = 'Vector'"));
            Assert.Equal("s", await SqlProbe.ScalarAsync(db, "SELECT attgenerated::text FROM pg_attribute WHERE attrelid = '\"SearchEntries\"'::regclass AND attname = 'TitleVector'"));
            Assert.Equal("a", await SqlProbe.ScalarAsync(db, "SELECT attidentity::text FROM pg_attribute WHERE attrelid = '\"SearchEntries\"'::regclass AND attname = 'Sequence'"));
            Assert.Equal(
                ["IX_SearchEntries_TenantId_Nummer|btree", "IX_SearchEntries_TitelVektor|gin", "IX_SearchEntries_Vektor|gin"],
                await SqlProbe.ColumnAsync(db, "SELECT c.relname || '|' || a.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = '\"SearchEntries\"'::regclass AND c.relname IN ('IX_SearchEntries_TenantId_Nummer', 'IX_SearchEntries_TitelVektor', 'IX_SearchEntries_Vektor') ORDER BY c.relname"));
        }
    }

    [Fact]
    public async Task Match_UsesTheGinIndexes_OnPostgres()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Postgres);
        var tenant = RecordsTestHost.NewTenant();
        await using var db = host.CreatePrivilegedContext(tenant);
        await SqlProbe.AddAsync(db, Enumerable.Range(0, 50).Select(i => (object)SqlProbe.SearchEntry(tenant, $"titel{i} gewerbe", $"text{i}")).ToArray());
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"SearchEntries\"; SET enable_seqscan = off");

        var text = string.Join('\n', await SqlProbe.ColumnAsync(db, "EXPLAIN SELECT \"Id\" FROM \"SearchEntries\" WHERE \"Vector\" @@ to_tsquery('simple', 'text7')"));
        var title = string.Join('\n', await SqlProbe.ColumnAsync(db, "EXPLAIN SELECT \"Id\" FROM \"SearchEntries\" WHERE \"TitleVector\" @@ to_tsquery('simple', 'titel7')"));

        Assert.Contains("IX_SearchEntries_Vektor", text, StringComparison.Ordinal);
        Assert.Contains("IX_SearchEntries_TitelVektor", title, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task SearchPosteingangMigration_DownAndUp_KeepsEveryEntry_ItsOrder_AndTheIndex(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await using var db = host.CreatePrivilegedContext(tenant);
        var first = SqlProbe.SearchEntry(tenant, "gewerbeanmeldung baeckerei", "antrag eroeffnung");
        var second = SqlProbe.SearchEntry(tenant, "bauantrag carport", "gewerbeanmeldung erwaehnt");
        var waiting = SqlProbe.SearchEntry(tenant, "widerspruch", "gewerbeanmeldung hundesteuer");
        (waiting.Kind, waiting.VorgangId, waiting.PositionId, waiting.Status, waiting.Aktenzeichen) = ("Posteingang", null, null, null, "");
        foreach (var entry in new[] { first, second, waiting })
        {
            await SqlProbe.AddAsync(db, entry);
        }

        List<Guid> orderDown, matchesDown;
        await using (var owner = BaselineMigrationTests.CreateOwnerContext(host))
        {
            var migrator = owner.GetService<IMigrator>();
            await migrator.MigrateAsync(owner.Database.GetMigrations().First(m => m.EndsWith("_InitialRecords", StringComparison.Ordinal)));
            orderDown = await IdsByNumberAsync(db);
            matchesDown = await MatchesAsync(db, provider, titleOnly: false, "gewerbeanmeldung");
            await migrator.MigrateAsync();
        }

        var third = SqlProbe.SearchEntry(tenant, "gewerbeanmeldung imbiss", "nachtrag");
        await SqlProbe.AddAsync(db, third);

        Assert.Equal([first.Id, second.Id], orderDown);
        Assert.Equal([first.Id, second.Id], matchesDown);
        Assert.Equal([first.Id, second.Id, third.Id], await IdsByNumberAsync(db));
        Assert.Equal([first.Id, second.Id, third.Id], await MatchesAsync(db, provider, titleOnly: false, "gewerbeanmeldung"));
        Assert.Equal([first.Id, third.Id], await MatchesAsync(db, provider, titleOnly: true, "gewerbeanmeldung"));
    }

    private static async Task<List<Guid>> IdsByNumberAsync(DbContext db) =>
        (await SqlProbe.ColumnAsync(db, "SELECT \"Id\" FROM \"SearchEntries\" ORDER BY \"Sequence\"")).Select(id => Guid.Parse(id!)).ToList();

    // The entries whose index rows match one term, in writing order; read from the index tables (SQLite) or the
    // generated vectors (PostgreSQL), not from the terms themselves.
    private static async Task<List<Guid>> MatchesAsync(DbContext db, DatabaseProvider provider, bool titleOnly, string term)
    {
        var sql = provider == DatabaseProvider.Sqlite
            ? $"SELECT e.\"Id\" FROM \"{(titleOnly ? "SearchTitles" : "SearchIndex")}\" i JOIN \"SearchEntries\" e ON e.\"Sequence\" = i.rowid WHERE \"{(titleOnly ? "SearchTitles" : "SearchIndex")}\" MATCH '{term}' ORDER BY e.\"Sequence\""
            : $"SELECT \"Id\" FROM \"SearchEntries\" WHERE \"{(titleOnly ? "TitleVector" : "Vector")}\" @@ to_tsquery('simple', '{term}') ORDER BY \"Sequence\"";
        return (await SqlProbe.ColumnAsync(db, sql)).Select(id => Guid.Parse(id!)).ToList();
    }
}
