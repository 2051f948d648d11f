using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    VorgangId = table.Column<Guid>(type: "uuid", nullable: false),
                    PositionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Aktenzeichen = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DocumentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TitleTerms = table.Column<string>(type: "text", nullable: false),
                    BodyTerms = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
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

            // Full-text index over the German terms (stemmed in C#, so the 'simple' configuration); title terms weigh more.
            migrationBuilder.Sql("ALTER TABLE \"SuchEintraege\" ADD COLUMN \"Vektor\" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', \"TitleTerms\"), 'A') || setweight(to_tsvector('simple', \"BodyTerms\"), 'B')) STORED;");
            migrationBuilder.Sql("CREATE INDEX \"IX_SuchEintraege_Vektor\" ON \"SuchEintraege\" USING GIN (\"Vektor\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_SuchEintraege_Vektor\";");
            migrationBuilder.Sql("ALTER TABLE \"SuchEintraege\" DROP COLUMN IF EXISTS \"Vektor\";");

            migrationBuilder.DropTable(
                name: "SuchEintraege");
        }
    }
}
