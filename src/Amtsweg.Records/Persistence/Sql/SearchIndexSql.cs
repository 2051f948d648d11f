using Amtsweg.Data.Providers;

namespace Amtsweg.Records.Persistence.Sql;

/// <summary>
/// The full-text index of the search entries, outside the EF model (ADR 0008). Every entry gets a number in the
/// order it was written (<c>Sequence</c>): a search reads the newest matches first and stops at its candidate cap.
/// SQLite keeps two contentless FTS5 tables keyed by that number (<c>SearchIndex</c> over title and text,
/// <c>SearchTitles</c> over the title alone) in step by triggers; the insert trigger also assigns the number.
/// PostgreSQL numbers by an identity column and derives two generated tsvector columns with GIN indexes. The terms
/// are stemmed in C#, hence the <c>simple</c> configuration; title terms weigh more.
/// </summary>
public static class SearchIndexSql
{
    /// <summary>The statements that create the index, in order; they follow the creation of <c>SearchEntries</c>.</summary>
    public static IReadOnlyList<string> Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
        [
            "ALTER TABLE \"SearchEntries\" ADD COLUMN \"Sequence\" INTEGER;",
            "CREATE UNIQUE INDEX \"IX_SearchEntries_Nummer\" ON \"SearchEntries\" (\"Sequence\");",
            "CREATE VIRTUAL TABLE \"SearchIndex\" USING fts5(\"TitleTerms\", \"BodyTerms\", content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');",
            "CREATE VIRTUAL TABLE \"SearchTitles\" USING fts5(\"TitleTerms\", content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');",
            """
            CREATE TRIGGER "SearchEntries_ai" AFTER INSERT ON "SearchEntries" BEGIN
                UPDATE "SearchEntries" SET "Sequence" = (SELECT IFNULL(MAX("Sequence"), 0) + 1 FROM "SearchEntries") WHERE rowid = new.rowid;
                INSERT INTO "SearchIndex" (rowid, "TitleTerms", "BodyTerms") SELECT "Sequence", new."TitleTerms", new."BodyTerms" FROM "SearchEntries" WHERE rowid = new.rowid;
                INSERT INTO "SearchTitles" (rowid, "TitleTerms") SELECT "Sequence", new."TitleTerms" FROM "SearchEntries" WHERE rowid = new.rowid;
            END;
            """,
            """
            CREATE TRIGGER "SearchEntries_ad" AFTER DELETE ON "SearchEntries" BEGIN
                DELETE FROM "SearchIndex" WHERE rowid = old."Sequence";
                DELETE FROM "SearchTitles" WHERE rowid = old."Sequence";
            END;
            """,
            """
            CREATE TRIGGER "SearchEntries_au" AFTER UPDATE OF "TitleTerms", "BodyTerms" ON "SearchEntries" BEGIN
                DELETE FROM "SearchIndex" WHERE rowid = old."Sequence";
                INSERT INTO "SearchIndex" (rowid, "TitleTerms", "BodyTerms") VALUES (new."Sequence", new."TitleTerms", new."BodyTerms");
                DELETE FROM "SearchTitles" WHERE rowid = old."Sequence";
                INSERT INTO "SearchTitles" (rowid, "TitleTerms") VALUES (new."Sequence", new."TitleTerms");
            END;
            """,
        ],
        DatabaseProvider.Postgres =>
        [
            "ALTER TABLE \"SearchEntries\" ADD COLUMN \"Vector\" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', \"TitleTerms\"), 'A') || setweight(to_tsvector('simple', \"BodyTerms\"), 'B')) STORED;",
            "CREATE INDEX \"IX_SearchEntries_Vektor\" ON \"SearchEntries\" USING GIN (\"Vector\");",
            "ALTER TABLE \"SearchEntries\" ADD COLUMN \"Sequence\" bigint GENERATED ALWAYS AS IDENTITY;",
            "CREATE UNIQUE INDEX \"IX_SearchEntries_TenantId_Nummer\" ON \"SearchEntries\" (\"TenantId\", \"Sequence\");",
            "ALTER TABLE \"SearchEntries\" ADD COLUMN \"TitleVector\" tsvector GENERATED ALWAYS AS (to_tsvector('simple', \"TitleTerms\")) STORED;",
            "CREATE INDEX \"IX_SearchEntries_TitelVektor\" ON \"SearchEntries\" USING GIN (\"TitleVector\");",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// The statements that fill a new index from the entries already there, after <see cref="Create"/> on a table that
    /// SQLite rebuilt (a rebuild keeps neither the column <c>Sequence</c> nor the triggers). The rebuild copied the
    /// rows in their old order, so numbering them by rowid keeps "newest" as it was. PostgreSQL needs nothing.
    /// </summary>
    public static IReadOnlyList<string> Fill(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
        [
            "UPDATE \"SearchEntries\" SET \"Sequence\" = rowid;",
            "INSERT INTO \"SearchIndex\" (rowid, \"TitleTerms\", \"BodyTerms\") SELECT \"Sequence\", \"TitleTerms\", \"BodyTerms\" FROM \"SearchEntries\";",
            "INSERT INTO \"SearchTitles\" (rowid, \"TitleTerms\") SELECT \"Sequence\", \"TitleTerms\" FROM \"SearchEntries\";",
        ],
        DatabaseProvider.Postgres => [],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The statements that remove the index, in order.</summary>
    public static IReadOnlyList<string> Drop(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite =>
        [
            "DROP TRIGGER IF EXISTS \"SearchEntries_au\";",
            "DROP TRIGGER IF EXISTS \"SearchEntries_ad\";",
            "DROP TRIGGER IF EXISTS \"SearchEntries_ai\";",
            "DROP TABLE IF EXISTS \"SearchTitles\";",
            "DROP TABLE IF EXISTS \"SearchIndex\";",
            "DROP INDEX IF EXISTS \"IX_SearchEntries_Nummer\";",
            "ALTER TABLE \"SearchEntries\" DROP COLUMN \"Sequence\";",
        ],
        DatabaseProvider.Postgres =>
        [
            "DROP INDEX IF EXISTS \"IX_SearchEntries_TitelVektor\";",
            "ALTER TABLE \"SearchEntries\" DROP COLUMN IF EXISTS \"TitleVector\";",
            "DROP INDEX IF EXISTS \"IX_SearchEntries_TenantId_Nummer\";",
            "ALTER TABLE \"SearchEntries\" DROP COLUMN IF EXISTS \"Sequence\";",
            "DROP INDEX IF EXISTS \"IX_SearchEntries_Vektor\";",
            "ALTER TABLE \"SearchEntries\" DROP COLUMN IF EXISTS \"Vector\";",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
