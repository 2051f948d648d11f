using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Server.Platform.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MunicipalityTestFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsTest",
                table: "Municipalities",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // The demo municipality Musterstadt (09999999) has no entry in the official code list: a test municipality.
            migrationBuilder.Sql("UPDATE \"Municipalities\" SET \"IsTest\" = 1 WHERE \"Ags\" = '09999999'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsTest",
                table: "Municipalities");
        }
    }
}
