using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LinkedForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FormDefinitionId",
                table: "EngineUserTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EngineFormDefinitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FormId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionTag = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ResourceName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Schema = table.Column<string>(type: "TEXT", nullable: false),
                    Checksum = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeployedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineFormDefinitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EngineFormDefinitions_EngineDeployments_DeploymentId",
                        column: x => x.DeploymentId,
                        principalTable: "EngineDeployments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EngineFormDefinitions_DeploymentId",
                table: "EngineFormDefinitions",
                column: "DeploymentId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineFormDefinitions_TenantId",
                table: "EngineFormDefinitions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineFormDefinitions_TenantId_FormId_Version",
                table: "EngineFormDefinitions",
                columns: new[] { "TenantId", "FormId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EngineFormDefinitions");

            migrationBuilder.DropColumn(
                name: "FormDefinitionId",
                table: "EngineUserTasks");
        }
    }
}
