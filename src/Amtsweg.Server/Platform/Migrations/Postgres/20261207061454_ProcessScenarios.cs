using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Server.Platform.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProcessScenarios : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProcessScenarios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastRunAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastPassed = table.Column<bool>(type: "boolean", nullable: true),
                    LastFindings = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessScenarios", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProcessScenarios_Municipalities_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProcessScenarios_TenantId",
                table: "ProcessScenarios",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcessScenarios_TenantId_ProcessId_Name",
                table: "ProcessScenarios",
                columns: new[] { "TenantId", "ProcessId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProcessScenarios");
        }
    }
}
