using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AktenplanPositionen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    RetentionYears = table.Column<int>(type: "integer", nullable: false),
                    DisposalRule = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AktenplanPositionen", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AktenplanPositionen_AktenplanPositionen_ParentId",
                        column: x => x.ParentId,
                        principalTable: "AktenplanPositionen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AuditEintraege",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Details = table.Column<string>(type: "text", nullable: false),
                    PreviousHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEintraege", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditKettenEnden",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditKettenEnden", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "Akten",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PositionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Aktenzeichen = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Akten", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Akten_AktenplanPositionen_PositionId",
                        column: x => x.PositionId,
                        principalTable: "AktenplanPositionen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AktenzeichenZaehler",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PositionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    LastNumber = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AktenzeichenZaehler", x => new { x.TenantId, x.PositionId, x.Year });
                    table.ForeignKey(
                        name: "FK_AktenzeichenZaehler_AktenplanPositionen_PositionId",
                        column: x => x.PositionId,
                        principalTable: "AktenplanPositionen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Vorgaenge",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    AkteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Aktenzeichen = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vorgaenge", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Vorgaenge_Akten_AkteId",
                        column: x => x.AkteId,
                        principalTable: "Akten",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Dokumente",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VorgangId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CurrentVersion = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Dokumente", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Dokumente_Vorgaenge_VorgangId",
                        column: x => x.VorgangId,
                        principalTable: "Vorgaenge",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Vermerke",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VorgangId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vermerke", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Vermerke_Vorgaenge_VorgangId",
                        column: x => x.VorgangId,
                        principalTable: "Vorgaenge",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Wiedervorlagen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VorgangId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Wiedervorlagen", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Wiedervorlagen_Vorgaenge_VorgangId",
                        column: x => x.VorgangId,
                        principalTable: "Vorgaenge",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DokumentVersionen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DokumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DocumentDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DocumentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Sender = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Recipient = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Confidentiality = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    MediaType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    ContentLength = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DokumentVersionen", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DokumentVersionen_Dokumente_DokumentId",
                        column: x => x.DokumentId,
                        principalTable: "Dokumente",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Akten_PositionId",
                table: "Akten",
                column: "PositionId");

            migrationBuilder.CreateIndex(
                name: "IX_Akten_TenantId",
                table: "Akten",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Akten_TenantId_Aktenzeichen",
                table: "Akten",
                columns: new[] { "TenantId", "Aktenzeichen" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Akten_TenantId_PositionId_Year_Number",
                table: "Akten",
                columns: new[] { "TenantId", "PositionId", "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AktenplanPositionen_ParentId",
                table: "AktenplanPositionen",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_AktenplanPositionen_TenantId",
                table: "AktenplanPositionen",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AktenplanPositionen_TenantId_Code",
                table: "AktenplanPositionen",
                columns: new[] { "TenantId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AktenzeichenZaehler_PositionId",
                table: "AktenzeichenZaehler",
                column: "PositionId");

            migrationBuilder.CreateIndex(
                name: "IX_AktenzeichenZaehler_TenantId",
                table: "AktenzeichenZaehler",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEintraege_TenantId",
                table: "AuditEintraege",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEintraege_TenantId_Sequence",
                table: "AuditEintraege",
                columns: new[] { "TenantId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEintraege_TenantId_SubjectId",
                table: "AuditEintraege",
                columns: new[] { "TenantId", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditKettenEnden_TenantId",
                table: "AuditKettenEnden",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Dokumente_TenantId",
                table: "Dokumente",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Dokumente_VorgangId",
                table: "Dokumente",
                column: "VorgangId");

            migrationBuilder.CreateIndex(
                name: "IX_DokumentVersionen_ContentHash",
                table: "DokumentVersionen",
                column: "ContentHash");

            migrationBuilder.CreateIndex(
                name: "IX_DokumentVersionen_DokumentId_Number",
                table: "DokumentVersionen",
                columns: new[] { "DokumentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DokumentVersionen_TenantId",
                table: "DokumentVersionen",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Vermerke_TenantId",
                table: "Vermerke",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Vermerke_VorgangId",
                table: "Vermerke",
                column: "VorgangId");

            migrationBuilder.CreateIndex(
                name: "IX_Vorgaenge_AkteId_Number",
                table: "Vorgaenge",
                columns: new[] { "AkteId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Vorgaenge_TenantId",
                table: "Vorgaenge",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Vorgaenge_TenantId_Aktenzeichen",
                table: "Vorgaenge",
                columns: new[] { "TenantId", "Aktenzeichen" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Wiedervorlagen_TenantId",
                table: "Wiedervorlagen",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Wiedervorlagen_TenantId_DueOn",
                table: "Wiedervorlagen",
                columns: new[] { "TenantId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Wiedervorlagen_VorgangId",
                table: "Wiedervorlagen",
                column: "VorgangId");

            // The audit trail is insert-only, also against SQL that bypasses the application.
            migrationBuilder.Sql("CREATE FUNCTION amtsweg_audit_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'AuditEintraege ist nur fortschreibbar'; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER \"AuditEintraege_insert_only\" BEFORE UPDATE OR DELETE ON \"AuditEintraege\" FOR EACH ROW EXECUTE FUNCTION amtsweg_audit_insert_only();");
            migrationBuilder.Sql("CREATE TRIGGER \"AuditEintraege_no_truncate\" BEFORE TRUNCATE ON \"AuditEintraege\" FOR EACH STATEMENT EXECUTE FUNCTION amtsweg_audit_insert_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEintraege_no_truncate\" ON \"AuditEintraege\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEintraege_insert_only\" ON \"AuditEintraege\";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS amtsweg_audit_insert_only();");

            migrationBuilder.DropTable(
                name: "AktenzeichenZaehler");

            migrationBuilder.DropTable(
                name: "AuditEintraege");

            migrationBuilder.DropTable(
                name: "AuditKettenEnden");

            migrationBuilder.DropTable(
                name: "DokumentVersionen");

            migrationBuilder.DropTable(
                name: "Vermerke");

            migrationBuilder.DropTable(
                name: "Wiedervorlagen");

            migrationBuilder.DropTable(
                name: "Dokumente");

            migrationBuilder.DropTable(
                name: "Vorgaenge");

            migrationBuilder.DropTable(
                name: "Akten");

            migrationBuilder.DropTable(
                name: "AktenplanPositionen");
        }
    }
}
