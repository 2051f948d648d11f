using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GuardTombstones : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A tombstone is the proof of a deletion: like the audit trail, it is never changed or deleted.
            migrationBuilder.Sql("CREATE TRIGGER IF NOT EXISTS \"Loeschnachweise_no_update\" BEFORE UPDATE ON \"Loeschnachweise\" BEGIN SELECT RAISE(ABORT, 'Loeschnachweise ist nur fortschreibbar'); END;");
            migrationBuilder.Sql("CREATE TRIGGER IF NOT EXISTS \"Loeschnachweise_no_delete\" BEFORE DELETE ON \"Loeschnachweise\" BEGIN SELECT RAISE(ABORT, 'Loeschnachweise ist nur fortschreibbar'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Loeschnachweise_no_update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Loeschnachweise_no_delete\";");
        }
    }
}
