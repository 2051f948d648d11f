using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Server.Platform.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CatalogueSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LastFetchedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LastImported = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogueSubscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PinnedPublisherKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublisherAgs = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 8, nullable: false),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CatalogueUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PinnedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    PinnedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PendingPublicKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PendingCatalogueUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PendingSince = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
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
