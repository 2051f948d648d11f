using Amtsweg.Data.Providers;

namespace Amtsweg.Records.Persistence.Sql;

/// <summary>
/// The full-text index of the search entries, outside the EF model (ADR 0008). Every entry gets a number in the
/// order it was written (<c>Nummer</c>): a search reads the newest matches first and stops at its candidate cap.
/// SQLite keeps two contentless FTS5 tables keyed by that number (<c>SuchIndex</c> over title and text,
/// <c>SuchTitel</c> over the title alone) in step by triggers; the insert trigger also assigns the number.
/// PostgreSQL numbers by an identity column and derives two generated tsvector columns with GIN indexes. The terms
/// are stemmed in C#, hence the <c>simple</c> configuration; title terms weigh more.
/// </summary>
public static class SearchIndexSql
{
    /// <summary>The statements that create the index, in order; they follow the creation of <c>SuchEintraege</c>.</summary>
    public static IReadOnlyList<string> Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
        [
            "ALTER TABLE \"SuchEintraege\" ADD COLUMN \"Nummer\" INTEGER;",
            "CREATE UNIQUE INDEX \"IX_SuchEintraege_Nummer\" ON \"SuchEintraege\" (\"Nummer\");",
            "CREATE VIRTUAL TABLE \"SuchIndex\" USING fts5(\"TitleTerms\", \"BodyTerms\", content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');",
            "CREATE VIRTUAL TABLE \"SuchTitel\" USING fts5(\"TitleTerms\", content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');",
            """
            CREATE TRIGGER "SuchEintraege_ai" AFTER INSERT ON "SuchEintraege" BEGIN
                UPDATE "SuchEintraege" SET "Nummer" = (SELECT IFNULL(MAX("Nummer"), 0) + 1 FROM "SuchEintraege") WHERE rowid = new.rowid;
                INSERT INTO "SuchIndex" (rowid, "TitleTerms", "BodyTerms") SELECT "Nummer", new."TitleTerms", new."BodyTerms" FROM "SuchEintraege" WHERE rowid = new.rowid;
                INSERT INTO "SuchTitel" (rowid, "TitleTerms") SELECT "Nummer", new."TitleTerms" FROM "SuchEintraege" WHERE rowid = new.rowid;
            END;
            """,
            """
            CREATE TRIGGER "SuchEintraege_ad" AFTER DELETE ON "SuchEintraege" BEGIN
                DELETE FROM "SuchIndex" WHERE rowid = old."Nummer";
                DELETE FROM "SuchTitel" WHERE rowid = old."Nummer";
            END;
            """,
            """
            CREATE TRIGGER "SuchEintraege_au" AFTER UPDATE OF "TitleTerms", "BodyTerms" ON "SuchEintraege" BEGIN
                DELETE FROM "SuchIndex" WHERE rowid = old."Nummer";
                INSERT INTO "SuchIndex" (rowid, "TitleTerms", "BodyTerms") VALUES (new."Nummer", new."TitleTerms", new."BodyTerms");
                DELETE FROM "SuchTitel" WHERE rowid = old."Nummer";
                INSERT INTO "SuchTitel" (rowid, "TitleTerms") VALUES (new."Nummer", new."TitleTerms");
            END;
            """,
        ],
        DatabaseProvider.Postgres =>
        [
            "ALTER TABLE \"SuchEintraege\" ADD COLUMN \"Vektor\" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', \"TitleTerms\"), 'A') || setweight(to_tsvector('simple', \"BodyTerms\"), 'B')) STORED;",
            "CREATE INDEX \"IX_SuchEintraege_Vektor\" ON \"SuchEintraege\" USING GIN (\"Vektor\");",
            "ALTER TABLE \"SuchEintraege\" ADD COLUMN \"Nummer\" bigint GENERATED ALWAYS AS IDENTITY;",
            "CREATE UNIQUE INDEX \"IX_SuchEintraege_TenantId_Nummer\" ON \"SuchEintraege\" (\"TenantId\", \"Nummer\");",
            "ALTER TABLE \"SuchEintraege\" ADD COLUMN \"TitelVektor\" tsvector GENERATED ALWAYS AS (to_tsvector('simple', \"TitleTerms\")) STORED;",
            "CREATE INDEX \"IX_SuchEintraege_TitelVektor\" ON \"SuchEintraege\" USING GIN (\"TitelVektor\");",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The statements that remove the index, in order.</summary>
    public static IReadOnlyList<string> Drop(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
        [
            "DROP TRIGGER IF EXISTS \"SuchEintraege_au\";",
            "DROP TRIGGER IF EXISTS \"SuchEintraege_ad\";",
            "DROP TRIGGER IF EXISTS \"SuchEintraege_ai\";",
            "DROP TABLE IF EXISTS \"SuchTitel\";",
            "DROP TABLE IF EXISTS \"SuchIndex\";",
            "DROP INDEX IF EXISTS \"IX_SuchEintraege_Nummer\";",
            "ALTER TABLE \"SuchEintraege\" DROP COLUMN \"Nummer\";",
        ],
        DatabaseProvider.Postgres =>
        [
            "DROP INDEX IF EXISTS \"IX_SuchEintraege_TitelVektor\";",
            "ALTER TABLE \"SuchEintraege\" DROP COLUMN IF EXISTS \"TitelVektor\";",
            "DROP INDEX IF EXISTS \"IX_SuchEintraege_TenantId_Nummer\";",
            "ALTER TABLE \"SuchEintraege\" DROP COLUMN IF EXISTS \"Nummer\";",
            "DROP INDEX IF EXISTS \"IX_SuchEintraege_Vektor\";",
            "ALTER TABLE \"SuchEintraege\" DROP COLUMN IF EXISTS \"Vektor\";",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
