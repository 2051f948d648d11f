using Amtsweg.Data.Providers;

namespace Amtsweg.Records.Persistence.Sql;

/// <summary>
/// The audit trail is insert-only, also against SQL that bypasses the application (ADR 0008): SQLite aborts an
/// UPDATE or DELETE of an audit entry by trigger; PostgreSQL raises from one function on UPDATE, DELETE and TRUNCATE.
/// </summary>
public static class AuditInsertOnlySql
{
    /// <summary>The message both providers raise; tests and operators recognise a refused change by it.</summary>
    public const string Message = "AuditEntries ist nur fortschreibbar";

    /// <summary>The statements that create the guard, in order.</summary>
    public static IReadOnlyList<string> Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
        [
            $"CREATE TRIGGER \"AuditEntries_no_update\" BEFORE UPDATE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, '{Message}'); END;",
            $"CREATE TRIGGER \"AuditEntries_no_delete\" BEFORE DELETE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, '{Message}'); END;",
        ],
        DatabaseProvider.Postgres =>
        [
            $"CREATE FUNCTION amtsweg_audit_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{Message}'; END $$;",
            "CREATE TRIGGER \"AuditEntries_insert_only\" BEFORE UPDATE OR DELETE ON \"AuditEntries\" FOR EACH ROW EXECUTE FUNCTION amtsweg_audit_insert_only();",
            "CREATE TRIGGER \"AuditEntries_no_truncate\" BEFORE TRUNCATE ON \"AuditEntries\" FOR EACH STATEMENT EXECUTE FUNCTION amtsweg_audit_insert_only();",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The statements that remove the guard, in order.</summary>
    public static IReadOnlyList<string> Drop(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
        [
            "DROP TRIGGER IF EXISTS \"AuditEntries_no_update\";",
            "DROP TRIGGER IF EXISTS \"AuditEntries_no_delete\";",
        ],
        DatabaseProvider.Postgres =>
        [
            "DROP TRIGGER IF EXISTS \"AuditEntries_no_truncate\" ON \"AuditEntries\";",
            "DROP TRIGGER IF EXISTS \"AuditEntries_insert_only\" ON \"AuditEntries\";",
            "DROP FUNCTION IF EXISTS amtsweg_audit_insert_only();",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
