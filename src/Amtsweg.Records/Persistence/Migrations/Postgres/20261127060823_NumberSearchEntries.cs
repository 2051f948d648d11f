using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NumberSearchEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every search entry gets a number in the order it was written (identity column outside the EF model); a
            // search reads the newest matches first and stops at its candidate cap (ADR 0008).
            migrationBuilder.Sql("ALTER TABLE \"SuchEintraege\" ADD COLUMN \"Nummer\" bigint GENERATED ALWAYS AS IDENTITY;");
            migrationBuilder.Sql("CREATE UNIQUE INDEX \"IX_SuchEintraege_TenantId_Nummer\" ON \"SuchEintraege\" (\"TenantId\", \"Nummer\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_SuchEintraege_TenantId_Nummer\";");
            migrationBuilder.Sql("ALTER TABLE \"SuchEintraege\" DROP COLUMN IF EXISTS \"Nummer\";");
        }
    }
}
