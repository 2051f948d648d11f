using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GuardTombstones : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A tombstone is the proof of a deletion: like the audit trail, it is never changed or deleted.
            migrationBuilder.Sql("CREATE OR REPLACE FUNCTION amtsweg_tombstone_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'Loeschnachweise ist nur fortschreibbar'; END $$;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Loeschnachweise_insert_only\" ON \"Loeschnachweise\"; CREATE TRIGGER \"Loeschnachweise_insert_only\" BEFORE UPDATE OR DELETE ON \"Loeschnachweise\" FOR EACH ROW EXECUTE FUNCTION amtsweg_tombstone_insert_only();");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Loeschnachweise_no_truncate\" ON \"Loeschnachweise\"; CREATE TRIGGER \"Loeschnachweise_no_truncate\" BEFORE TRUNCATE ON \"Loeschnachweise\" FOR EACH STATEMENT EXECUTE FUNCTION amtsweg_tombstone_insert_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Loeschnachweise_no_truncate\" ON \"Loeschnachweise\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Loeschnachweise_insert_only\" ON \"Loeschnachweise\";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS amtsweg_tombstone_insert_only();");
        }
    }
}
