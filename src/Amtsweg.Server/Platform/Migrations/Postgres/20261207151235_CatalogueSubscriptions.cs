using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Server.Platform.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CatalogueSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CatalogueUrl",
                table: "LibraryPackages",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CatalogueSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastFetchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastImported = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogueSubscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PinnedPublisherKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PublisherAgs = table.Column<string>(type: "character(8)", fixedLength: true, maxLength: 8, nullable: false),
                    PublicKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CatalogueUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PinnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PinnedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PendingPublicKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PendingCatalogueUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PendingSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PinnedPublisherKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueSubscriptions_Url",
                table: "CatalogueSubscriptions",
                column: "Url",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PinnedPublisherKeys_PublisherAgs",
                table: "PinnedPublisherKeys",
                column: "PublisherAgs",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CatalogueSubscriptions");

            migrationBuilder.DropTable(
                name: "PinnedPublisherKeys");

            migrationBuilder.DropColumn(
                name: "CatalogueUrl",
                table: "LibraryPackages");
        }
    }
}
