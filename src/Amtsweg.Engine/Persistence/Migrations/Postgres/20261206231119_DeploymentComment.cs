using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Engine.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeploymentComment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Comment",
                table: "EngineDeployments",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Comment",
                table: "EngineDeployments");
        }
    }
}
