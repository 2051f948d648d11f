using System;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Items of the Posteingang get search entries, which have no Vorgang, position or state: those columns become
    /// nullable. SQLite cannot change a column's nullability; EF Core would rebuild the table at the end of the
    /// migration, after any SQL, and lose the full-text index's column and triggers. So the table is rebuilt here by
    /// hand, in order: index off, rows copied into the new table, index on and filled again.
    /// </summary>
    public partial class SearchPosteingang : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, nullable: true);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"SearchEntries\" WHERE \"Kind\" = 'Posteingang';");
            Rebuild(migrationBuilder, nullable: false);
        }

        private static void Rebuild(MigrationBuilder migrationBuilder, bool nullable)
        {
            foreach (var statement in SearchIndexSql.Drop(DatabaseProvider.Sqlite))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropIndex(name: "IX_SearchEntries_TenantId", table: "SearchEntries");
            migrationBuilder.DropIndex(name: "IX_SearchEntries_TenantId_Date", table: "SearchEntries");
            migrationBuilder.DropIndex(name: "IX_SearchEntries_TenantId_VorgangId", table: "SearchEntries");
            migrationBuilder.RenameTable(name: "SearchEntries", newName: "SearchEntriesBefore");
            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VorgangId = table.Column<Guid>(type: "TEXT", nullable: nullable),
                    PositionId = table.Column<Guid>(type: "TEXT", nullable: nullable),
                    Aktenzeichen = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DokumentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: nullable),
                    TitleTerms = table.Column<string>(type: "TEXT", nullable: false),
                    BodyTerms = table.Column<string>(type: "TEXT", nullable: false),
                    Restricted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.Id);
                });

            // In the old order of writing, which the rowids keep and SearchIndexSql.Fill numbers by.
            const string Columns = "\"Id\", \"TenantId\", \"Kind\", \"VorgangId\", \"PositionId\", \"Aktenzeichen\", \"Title\", \"DokumentType\", \"Date\", \"Status\", \"TitleTerms\", \"BodyTerms\", \"Restricted\", \"Text\"";
            migrationBuilder.Sql($"INSERT INTO \"SearchEntries\" ({Columns}) SELECT {Columns} FROM \"SearchEntriesBefore\" ORDER BY rowid;");
            migrationBuilder.DropTable(name: "SearchEntriesBefore");
            migrationBuilder.CreateIndex(name: "IX_SearchEntries_TenantId", table: "SearchEntries", column: "TenantId");
            migrationBuilder.CreateIndex(name: "IX_SearchEntries_TenantId_Date", table: "SearchEntries", columns: ["TenantId", "Date"]);
            migrationBuilder.CreateIndex(name: "IX_SearchEntries_TenantId_VorgangId", table: "SearchEntries", columns: ["TenantId", "VorgangId"]);
            foreach (var statement in SearchIndexSql.Create(DatabaseProvider.Sqlite).Concat(SearchIndexSql.Fill(DatabaseProvider.Sqlite)))
            {
                migrationBuilder.Sql(statement);
            }
        }
    }
}
