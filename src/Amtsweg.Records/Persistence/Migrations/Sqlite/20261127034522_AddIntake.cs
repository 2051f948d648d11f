using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Progress = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TargetVorgangId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProposedVorgangId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProposedAktenzeichen = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: true),
                    Transfervermerk = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    FilingContentHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: true),
                    FilingContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FilingSize = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    FiledDokumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FiledVorgangId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FiledBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FiledAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
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
