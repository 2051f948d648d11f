using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Server.Platform.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SavedTaskFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SavedTaskFilters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    ProcessId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Due = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    FollowUpReached = table.Column<bool>(type: "boolean", nullable: false),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Sort = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedTaskFilters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedTaskFilters_Municipalities_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SavedTaskFilters_TenantId",
                table: "SavedTaskFilters",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedTaskFilters_TenantId_UserName_Name",
                table: "SavedTaskFilters",
                columns: new[] { "TenantId", "UserName", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SavedTaskFilters");
        }
    }
}
