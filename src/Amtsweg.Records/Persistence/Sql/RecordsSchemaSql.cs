using Amtsweg.Data.Providers;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Amtsweg.Records.Persistence.Sql;

/// <summary>
/// Every piece of the e-file's schema that the EF model cannot express, in the order the initial migration applies
/// it after creating the tables (ADR 0002). The generated migrations call only <see cref="Up"/> and
/// <see cref="Down"/>; <c>scripts/regenerate-baseline-migrations.sh</c> re-inserts these two calls.
/// </summary>
public static class RecordsSchemaSql
{
    /// <summary>All statements, in order.</summary>
    public static IReadOnlyList<string> Create(DatabaseProvider provider) =>
    [
        .. AuditInsertOnlySql.Create(provider),
        .. LoeschnachweisInsertOnlySql.Create(provider),
        .. SearchIndexSql.Create(provider),
        .. BlobReferences(provider, Blobs.BlobReferenceSql.Create),
    ];

    /// <summary>The statements that undo <see cref="Create"/>, in order.</summary>
    public static IReadOnlyList<string> Drop(DatabaseProvider provider) =>
    [
        .. BlobReferences(provider, Blobs.BlobReferenceSql.Drop),
        .. SearchIndexSql.Drop(provider),
        .. LoeschnachweisInsertOnlySql.Drop(provider),
        .. AuditInsertOnlySql.Drop(provider),
    ];

    // The cross-tenant reference check needs a function only on PostgreSQL, where row-level security hides other
    // tenants' rows from the server's role; SQLite answers it with a query (BlobReferences).
    private static string[] BlobReferences(DatabaseProvider provider, string statement) =>
        provider == DatabaseProvider.Postgres ? [statement] : [];

    /// <summary>Called at the end of the initial migration's <c>Up</c>.</summary>
    public static void Up(MigrationBuilder migrationBuilder, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var statement in Create(provider))
        {
            migrationBuilder.Sql(statement);
        }
    }

    /// <summary>Called at the start of the initial migration's <c>Down</c>.</summary>
    public static void Down(MigrationBuilder migrationBuilder, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var statement in Drop(provider))
        {
            migrationBuilder.Sql(statement);
        }
    }
}
