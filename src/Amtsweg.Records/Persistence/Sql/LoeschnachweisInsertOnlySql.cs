using Amtsweg.Data.Providers;

namespace Amtsweg.Records.Persistence.Sql;

/// <summary>
/// A tombstone is the proof of a deletion: like the audit trail it is never changed or deleted, also not by SQL that
/// bypasses the application (ADR 0011).
/// </summary>
public static class LoeschnachweisInsertOnlySql
{
    /// <summary>The message both providers raise.</summary>
    public const string Message = "Loeschnachweise ist nur fortschreibbar";

    /// <summary>The statements that create the guard, in order.</summary>
    public static IReadOnlyList<string> Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
        [
            $"CREATE TRIGGER \"Loeschnachweise_no_update\" BEFORE UPDATE ON \"Loeschnachweise\" BEGIN SELECT RAISE(ABORT, '{Message}'); END;",
            $"CREATE TRIGGER \"Loeschnachweise_no_delete\" BEFORE DELETE ON \"Loeschnachweise\" BEGIN SELECT RAISE(ABORT, '{Message}'); END;",
        ],
        DatabaseProvider.Postgres =>
        [
            $"CREATE FUNCTION amtsweg_tombstone_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{Message}'; END $$;",
            "CREATE TRIGGER \"Loeschnachweise_insert_only\" BEFORE UPDATE OR DELETE ON \"Loeschnachweise\" FOR EACH ROW EXECUTE FUNCTION amtsweg_tombstone_insert_only();",
            "CREATE TRIGGER \"Loeschnachweise_no_truncate\" BEFORE TRUNCATE ON \"Loeschnachweise\" FOR EACH STATEMENT EXECUTE FUNCTION amtsweg_tombstone_insert_only();",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The statements that remove the guard, in order.</summary>
    public static IReadOnlyList<string> Drop(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
        [
            "DROP TRIGGER IF EXISTS \"Loeschnachweise_no_update\";",
            "DROP TRIGGER IF EXISTS \"Loeschnachweise_no_delete\";",
        ],
        DatabaseProvider.Postgres =>
        [
            "DROP TRIGGER IF EXISTS \"Loeschnachweise_no_truncate\" ON \"Loeschnachweise\";",
            "DROP TRIGGER IF EXISTS \"Loeschnachweise_insert_only\" ON \"Loeschnachweise\";",
            "DROP FUNCTION IF EXISTS amtsweg_tombstone_insert_only();",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
