using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IndexSearchTitles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The title terms alone, with their own GIN index: the title matches of a broad query are found without
            // reading the text's vector (ADR 0008).
            migrationBuilder.Sql("ALTER TABLE \"SuchEintraege\" ADD COLUMN \"TitelVektor\" tsvector GENERATED ALWAYS AS (to_tsvector('simple', \"TitleTerms\")) STORED;");
            migrationBuilder.Sql("CREATE INDEX \"IX_SuchEintraege_TitelVektor\" ON \"SuchEintraege\" USING GIN (\"TitelVektor\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_SuchEintraege_TitelVektor\";");
            migrationBuilder.Sql("ALTER TABLE \"SuchEintraege\" DROP COLUMN IF EXISTS \"TitelVektor\";");
        }
    }
}
