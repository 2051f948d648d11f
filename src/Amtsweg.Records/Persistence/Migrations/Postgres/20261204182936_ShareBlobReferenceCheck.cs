using Amtsweg.Records.Blobs;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ShareBlobReferenceCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
