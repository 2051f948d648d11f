using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Engine.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DecisionDefinitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EngineDecisionDefinitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    DecisionId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    DmnXml = table.Column<string>(type: "text", nullable: false),
                    DeployedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngineDecisionDefinitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EngineDecisionDefinitions_EngineDeployments_DeploymentId",
                        column: x => x.DeploymentId,
                        principalTable: "EngineDeployments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EngineDecisionDefinitions_DeploymentId",
                table: "EngineDecisionDefinitions",
                column: "DeploymentId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineDecisionDefinitions_TenantId",
                table: "EngineDecisionDefinitions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EngineDecisionDefinitions_TenantId_DecisionId_Version",
                table: "EngineDecisionDefinitions",
                columns: new[] { "TenantId", "DecisionId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EngineDecisionDefinitions");
        }
    }
}
