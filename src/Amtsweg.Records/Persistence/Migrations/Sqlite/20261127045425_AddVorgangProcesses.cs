using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddVorgangProcesses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VorgangProzesse",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VorgangId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessInstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LinkedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VorgangProzesse", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VorgangProzesse_Vorgaenge_VorgangId",
                        column: x => x.VorgangId,
                        principalTable: "Vorgaenge",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VorgangProzesse_TenantId",
                table: "VorgangProzesse",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_VorgangProzesse_TenantId_ProcessInstanceId",
                table: "VorgangProzesse",
                columns: new[] { "TenantId", "ProcessInstanceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VorgangProzesse_VorgangId",
                table: "VorgangProzesse",
                column: "VorgangId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VorgangProzesse");
        }
    }
}
