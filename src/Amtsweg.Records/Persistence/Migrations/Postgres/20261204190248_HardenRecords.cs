using Amtsweg.Records.Blobs;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HardenRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SourcePath",
                table: "PosteingangEintraege",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PosteingangEintraege_ContentHash",
                table: "PosteingangEintraege",
                column: "ContentHash");

            migrationBuilder.CreateIndex(
                name: "IX_PosteingangEintraege_FilingContentHash",
                table: "PosteingangEintraege",
                column: "FilingContentHash");

            migrationBuilder.Sql(BlobReferenceSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(BlobReferenceSql.Drop);

            migrationBuilder.DropIndex(
                name: "IX_PosteingangEintraege_ContentHash",
                table: "PosteingangEintraege");

            migrationBuilder.DropIndex(
                name: "IX_PosteingangEintraege_FilingContentHash",
                table: "PosteingangEintraege");

            migrationBuilder.DropColumn(
                name: "SourcePath",
                table: "PosteingangEintraege");
        }
    }
}
