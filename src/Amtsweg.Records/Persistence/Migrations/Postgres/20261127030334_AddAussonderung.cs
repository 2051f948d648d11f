using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddAussonderung : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Aussonderungen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfferedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OfferedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ArchiveName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OfferReceiptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AppraisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Aussonderungen", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AussonderungObjekte",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    AussonderungId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ObjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    AkteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Aktenzeichen = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Proposed = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    TransferredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DisposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AussonderungObjekte", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AussonderungObjekte_Aussonderungen_AussonderungId",
                        column: x => x.AussonderungId,
                        principalTable: "Aussonderungen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Aussonderungen_TenantId",
                table: "Aussonderungen",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AussonderungObjekte_AussonderungId_ObjectId",
                table: "AussonderungObjekte",
                columns: new[] { "AussonderungId", "ObjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AussonderungObjekte_TenantId",
                table: "AussonderungObjekte",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AussonderungObjekte_TenantId_ObjectId",
                table: "AussonderungObjekte",
                columns: new[] { "TenantId", "ObjectId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AussonderungObjekte");

            migrationBuilder.DropTable(
                name: "Aussonderungen");
        }
    }
}
