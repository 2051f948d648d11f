using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Server.Platform.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LastRunAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LastPassed = table.Column<bool>(type: "INTEGER", nullable: true),
                    LastFindings = table.Column<string>(type: "TEXT", nullable: true)
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
