using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PosteingangEintraege",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    ContentHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReceivedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Progress = table.Column<int>(type: "integer", nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    TargetVorgangId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProposedVorgangId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProposedAktenzeichen = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Sender = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Recipient = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Text = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true),
                    Transfervermerk = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    FilingContentHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    FilingContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FilingSize = table.Column<long>(type: "bigint", nullable: true),
                    ClaimToken = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FiledDokumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    FiledVorgangId = table.Column<Guid>(type: "uuid", nullable: true),
                    FiledBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PosteingangEintraege", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PosteingangEintraege_PosteingangEintraege_ParentId",
                        column: x => x.ParentId,
                        principalTable: "PosteingangEintraege",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PosteingangEintraege_ParentId",
                table: "PosteingangEintraege",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_PosteingangEintraege_Status",
                table: "PosteingangEintraege",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PosteingangEintraege_TenantId",
                table: "PosteingangEintraege",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_PosteingangEintraege_TenantId_Status",
                table: "PosteingangEintraege",
                columns: new[] { "TenantId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PosteingangEintraege");
        }
    }
}
