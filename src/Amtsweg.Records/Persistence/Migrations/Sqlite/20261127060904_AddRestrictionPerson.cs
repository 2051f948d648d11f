using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRestrictionPerson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Einschraenkungen_TenantId_SubjectId",
                table: "Einschraenkungen");

            migrationBuilder.AddColumn<string>(
                name: "PersonFingerprint",
                table: "Einschraenkungen",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Einschraenkungen_TenantId_SubjectId_PersonFingerprint",
                table: "Einschraenkungen",
                columns: new[] { "TenantId", "SubjectId", "PersonFingerprint" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Einschraenkungen_TenantId_SubjectId_PersonFingerprint",
                table: "Einschraenkungen");

            migrationBuilder.DropColumn(
                name: "PersonFingerprint",
                table: "Einschraenkungen");

            migrationBuilder.CreateIndex(
                name: "IX_Einschraenkungen_TenantId_SubjectId",
                table: "Einschraenkungen",
                columns: new[] { "TenantId", "SubjectId" },
                unique: true);
        }
    }
}
