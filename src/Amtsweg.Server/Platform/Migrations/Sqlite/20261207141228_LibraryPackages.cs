using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Server.Platform.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LibraryPackages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PackageId",
                table: "LetterTemplates",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LibraryPackages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PackageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    LeikaKeys = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PublisherAgs = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 8, nullable: false),
                    PublisherName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PublisherPublicKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Archive = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryPackages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PackageInstallations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PackageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LibraryPackageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Parameters = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    Deployed = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    InstalledBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    InstalledAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PackageInstallations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PackageInstallations_LibraryPackages_LibraryPackageId",
                        column: x => x.LibraryPackageId,
                        principalTable: "LibraryPackages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PackageInstallations_Municipalities_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LibraryPackages_PackageId_Version",
                table: "LibraryPackages",
                columns: new[] { "PackageId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PackageInstallations_LibraryPackageId",
                table: "PackageInstallations",
                column: "LibraryPackageId");

            migrationBuilder.CreateIndex(
                name: "IX_PackageInstallations_TenantId",
                table: "PackageInstallations",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_PackageInstallations_TenantId_PackageId",
                table: "PackageInstallations",
                columns: new[] { "TenantId", "PackageId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PackageInstallations");

            migrationBuilder.DropTable(
                name: "LibraryPackages");

            migrationBuilder.DropColumn(
                name: "PackageId",
                table: "LetterTemplates");
        }
    }
}
