using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SuchEintraege",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VorgangId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PositionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Aktenzeichen = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DocumentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TitleTerms = table.Column<string>(type: "TEXT", nullable: false),
                    BodyTerms = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuchEintraege", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SuchEintraege_TenantId",
                table: "SuchEintraege",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_SuchEintraege_TenantId_Date",
                table: "SuchEintraege",
                columns: new[] { "TenantId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_SuchEintraege_TenantId_VorgangId",
                table: "SuchEintraege",
                columns: new[] { "TenantId", "VorgangId" });

            // Full-text index over the German terms (stemmed in C#), kept in step with "SuchEintraege" by triggers.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE \"SuchIndex\" USING fts5(\"EntryId\" UNINDEXED, \"TitleTerms\", \"BodyTerms\", tokenize = 'unicode61 remove_diacritics 2');");
            migrationBuilder.Sql("CREATE TRIGGER \"SuchEintraege_ai\" AFTER INSERT ON \"SuchEintraege\" BEGIN INSERT INTO \"SuchIndex\" (\"EntryId\", \"TitleTerms\", \"BodyTerms\") VALUES (new.\"Id\", new.\"TitleTerms\", new.\"BodyTerms\"); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"SuchEintraege_ad\" AFTER DELETE ON \"SuchEintraege\" BEGIN DELETE FROM \"SuchIndex\" WHERE \"EntryId\" = old.\"Id\"; END;");
            migrationBuilder.Sql("CREATE TRIGGER \"SuchEintraege_au\" AFTER UPDATE OF \"TitleTerms\", \"BodyTerms\" ON \"SuchEintraege\" BEGIN DELETE FROM \"SuchIndex\" WHERE \"EntryId\" = old.\"Id\"; INSERT INTO \"SuchIndex\" (\"EntryId\", \"TitleTerms\", \"BodyTerms\") VALUES (new.\"Id\", new.\"TitleTerms\", new.\"BodyTerms\"); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_au\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_ad\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SuchEintraege_ai\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"SuchIndex\";");

            migrationBuilder.DropTable(
                name: "SuchEintraege");
        }
    }
}
