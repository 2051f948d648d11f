using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;

namespace Amtsweg.Data.Tenancy;

/// <summary>
/// PostgreSQL's row-level security for the tenant tables (ADR 0004): the second layer behind the EF tenant filter.
/// <see cref="DatabaseMigrator"/> applies it after every migration, for each table whose entity carries
/// <see cref="TenantModel.FilteredAnnotation"/>, so a table added later is covered without a hand-written step.
/// SQLite has no row-level security; there the EF filter is the only layer.
/// </summary>
public static partial class RowLevelSecuritySql
{
    /// <summary>The policy's name on every tenant table.</summary>
    public const string PolicyName = "tenant_isolation";

    /// <summary>A row is visible and writable when it belongs to the connection's tenant, or in the platform scope.</summary>
    public const string RowPolicy =
        $"\"TenantId\"::text = current_setting('{PostgresTenantInterceptor.TenantSetting}', true) OR current_setting('{PostgresTenantInterceptor.PlatformSetting}', true) = 'on'";

    /// <summary>
    /// Row-level security lets PostgreSQL use an index only for leakproof operators, and the full-text match
    /// <c>@@</c> is not marked so: without this statement (superuser only, once per database) every search reads all
    /// of the tenant's search entries. The function compares a tsvector with a tsquery and raises no error that
    /// depends on the data, so the mark is true (ADR 0008).
    /// </summary>
    public const string LeakproofFullTextMatch = "ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF";

    /// <summary>True when <see cref="LeakproofFullTextMatch"/> has been run in the database.</summary>
    public const string IsFullTextMatchLeakproof =
        "SELECT proleakproof AS \"Value\" FROM pg_proc WHERE oid = 'pg_catalog.ts_match_vq(tsvector, tsquery)'::regprocedure";

    /// <summary>Enables and forces row-level security on a tenant table and (re)creates its policy; repeatable.</summary>
    public static IReadOnlyList<string> Secure(string table)
    {
        var quoted = Quote(table);
        return
        [
            $"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY",
            $"ALTER TABLE {quoted} FORCE ROW LEVEL SECURITY",
            $"DROP POLICY IF EXISTS {PolicyName} ON {quoted}",
            $"CREATE POLICY {PolicyName} ON {quoted} USING ({RowPolicy}) WITH CHECK ({RowPolicy})",
        ];
    }

    /// <summary>Grants the server's role DML rights only (no ownership, so the forced policies apply to it).</summary>
    public static IReadOnlyList<string> GrantApplicationRole(string role)
    {
        if (!RoleName().IsMatch(role))
        {
            throw new InvalidOperationException($"The user name '{role}' in ConnectionStrings:Amtsweg is not a plain PostgreSQL role name.");
        }

        return
        [
            $"GRANT USAGE ON SCHEMA public TO {role}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        ];
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex RoleName();
}
