using Amtsweg.Data.Providers;

namespace Amtsweg.Records.Persistence.Sql;

/// <summary>
/// The audit trail is insert-only, also against SQL that bypasses the application (ADR 0008): SQLite aborts an
/// UPDATE or DELETE of an audit entry by trigger; PostgreSQL raises from one function on UPDATE, DELETE and TRUNCATE.
/// </summary>
public static class AuditInsertOnlySql
{
    /// <summary>The message both providers raise; tests and operators recognise a refused change by it.</summary>
    public const string Message = "AuditEintraege ist nur fortschreibbar";

    /// <summary>The statements that create the guard, in order.</summary>
    public static IReadOnlyList<string> Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
        [
            $"CREATE TRIGGER \"AuditEintraege_no_update\" BEFORE UPDATE ON \"AuditEintraege\" BEGIN SELECT RAISE(ABORT, '{Message}'); END;",
            $"CREATE TRIGGER \"AuditEintraege_no_delete\" BEFORE DELETE ON \"AuditEintraege\" BEGIN SELECT RAISE(ABORT, '{Message}'); END;",
        ],
        DatabaseProvider.Postgres =>
        [
            $"CREATE FUNCTION amtsweg_audit_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{Message}'; END $$;",
            "CREATE TRIGGER \"AuditEintraege_insert_only\" BEFORE UPDATE OR DELETE ON \"AuditEintraege\" FOR EACH ROW EXECUTE FUNCTION amtsweg_audit_insert_only();",
            "CREATE TRIGGER \"AuditEintraege_no_truncate\" BEFORE TRUNCATE ON \"AuditEintraege\" FOR EACH STATEMENT EXECUTE FUNCTION amtsweg_audit_insert_only();",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The statements that remove the guard, in order.</summary>
    public static IReadOnlyList<string> Drop(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
        [
            "DROP TRIGGER IF EXISTS \"AuditEintraege_no_update\";",
            "DROP TRIGGER IF EXISTS \"AuditEintraege_no_delete\";",
        ],
        DatabaseProvider.Postgres =>
        [
            "DROP TRIGGER IF EXISTS \"AuditEintraege_no_truncate\" ON \"AuditEintraege\";",
            "DROP TRIGGER IF EXISTS \"AuditEintraege_insert_only\" ON \"AuditEintraege\";",
            "DROP FUNCTION IF EXISTS amtsweg_audit_insert_only();",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
