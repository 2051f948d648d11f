using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndexSearchTitles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A second contentless FTS5 table over the title terms alone, keyed by "Nummer" like "SuchIndex": the title
            // matches of a broad query are found without reading the text's index (ADR 0008).
            migrationBuilder.Sql("CREATE VIRTUAL TABLE \"SuchTitel\" USING fts5(\"TitleTerms\", content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');");
            migrationBuilder.Sql("INSERT INTO \"SuchTitel\" (rowid, \"TitleTerms\") SELECT \"Nummer\", \"TitleTerms\" FROM \"SuchEintraege\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_au\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_ad\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_ai\";");
            migrationBuilder.Sql("""
                CREATE TRIGGER "SuchEintraege_ai" AFTER INSERT ON "SuchEintraege" BEGIN
                    UPDATE "SuchEintraege" SET "Nummer" = (SELECT IFNULL(MAX("Nummer"), 0) + 1 FROM "SuchEintraege") WHERE rowid = new.rowid;
                    INSERT INTO "SuchIndex" (rowid, "TitleTerms", "BodyTerms") SELECT "Nummer", new."TitleTerms", new."BodyTerms" FROM "SuchEintraege" WHERE rowid = new.rowid;
                    INSERT INTO "SuchTitel" (rowid, "TitleTerms") SELECT "Nummer", new."TitleTerms" FROM "SuchEintraege" WHERE rowid = new.rowid;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SuchEintraege_ad" AFTER DELETE ON "SuchEintraege" BEGIN
                    DELETE FROM "SuchIndex" WHERE rowid = old."Nummer";
                    DELETE FROM "SuchTitel" WHERE rowid = old."Nummer";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SuchEintraege_au" AFTER UPDATE OF "TitleTerms", "BodyTerms" ON "SuchEintraege" BEGIN
                    DELETE FROM "SuchIndex" WHERE rowid = old."Nummer";
                    INSERT INTO "SuchIndex" (rowid, "TitleTerms", "BodyTerms") VALUES (new."Nummer", new."TitleTerms", new."BodyTerms");
                    DELETE FROM "SuchTitel" WHERE rowid = old."Nummer";
                    INSERT INTO "SuchTitel" (rowid, "TitleTerms") VALUES (new."Nummer", new."TitleTerms");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_au\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_ad\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_ai\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"SuchTitel\";");
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
    }
}
