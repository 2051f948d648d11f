using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NumberSearchEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every search entry gets a number in the order it was written ("Nummer", outside the EF model, set by the
            // insert trigger). The FTS5 index becomes contentless and keyed by that number: deleting or updating an
            // entry touches one index row instead of scanning the index, and a search reads the newest matches first
            // and stops at its candidate cap (ADR 0008).
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_au\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_ad\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_ai\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"SuchIndex\";");
            migrationBuilder.Sql("ALTER TABLE \"SuchEintraege\" ADD COLUMN \"Nummer\" INTEGER;");
            migrationBuilder.Sql("UPDATE \"SuchEintraege\" SET \"Nummer\" = rowid;");
            migrationBuilder.Sql("CREATE UNIQUE INDEX \"IX_SuchEintraege_Nummer\" ON \"SuchEintraege\" (\"Nummer\");");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE \"SuchIndex\" USING fts5(\"TitleTerms\", \"BodyTerms\", content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');");
            migrationBuilder.Sql("INSERT INTO \"SuchIndex\" (rowid, \"TitleTerms\", \"BodyTerms\") SELECT \"Nummer\", \"TitleTerms\", \"BodyTerms\" FROM \"SuchEintraege\";");
            migrationBuilder.Sql("""
                CREATE TRIGGER "SuchEintraege_ai" AFTER INSERT ON "SuchEintraege" BEGIN
                    UPDATE "SuchEintraege" SET "Nummer" = (SELECT IFNULL(MAX("Nummer"), 0) + 1 FROM "SuchEintraege") WHERE rowid = new.rowid;
                    INSERT INTO "SuchIndex" (rowid, "TitleTerms", "BodyTerms") SELECT "Nummer", new."TitleTerms", new."BodyTerms" FROM "SuchEintraege" WHERE rowid = new.rowid;
                END;
                """);
            migrationBuilder.Sql("CREATE TRIGGER \"SuchEintraege_ad\" AFTER DELETE ON \"SuchEintraege\" BEGIN DELETE FROM \"SuchIndex\" WHERE rowid = old.\"Nummer\"; END;");
            migrationBuilder.Sql("""
                CREATE TRIGGER "SuchEintraege_au" AFTER UPDATE OF "TitleTerms", "BodyTerms" ON "SuchEintraege" BEGIN
                    DELETE FROM "SuchIndex" WHERE rowid = old."Nummer";
                    INSERT INTO "SuchIndex" (rowid, "TitleTerms", "BodyTerms") VALUES (new."Nummer", new."TitleTerms", new."BodyTerms");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_au\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_ad\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_ai\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"SuchIndex\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_SuchEintraege_Nummer\";");
            migrationBuilder.Sql("ALTER TABLE \"SuchEintraege\" DROP COLUMN \"Nummer\";");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE \"SuchIndex\" USING fts5(\"EntryId\" UNINDEXED, \"TitleTerms\", \"BodyTerms\", tokenize = 'unicode61 remove_diacritics 2');");
            migrationBuilder.Sql("INSERT INTO \"SuchIndex\" (\"EntryId\", \"TitleTerms\", \"BodyTerms\") SELECT \"Id\", \"TitleTerms\", \"BodyTerms\" FROM \"SuchEintraege\";");
            migrationBuilder.Sql("CREATE TRIGGER \"SuchEintraege_ai\" AFTER INSERT ON \"SuchEintraege\" BEGIN INSERT INTO \"SuchIndex\" (\"EntryId\", \"TitleTerms\", \"BodyTerms\") VALUES (new.\"Id\", new.\"TitleTerms\", new.\"BodyTerms\"); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"SuchEintraege_ad\" AFTER DELETE ON \"SuchEintraege\" BEGIN DELETE FROM \"SuchIndex\" WHERE \"EntryId\" = old.\"Id\"; END;");
            migrationBuilder.Sql("CREATE TRIGGER \"SuchEintraege_au\" AFTER UPDATE OF \"TitleTerms\", \"BodyTerms\" ON \"SuchEintraege\" BEGIN DELETE FROM \"SuchIndex\" WHERE \"EntryId\" = old.\"Id\"; INSERT INTO \"SuchIndex\" (\"EntryId\", \"TitleTerms\", \"BodyTerms\") VALUES (new.\"Id\", new.\"TitleTerms\", new.\"BodyTerms\"); END;");
        }
    }
}
