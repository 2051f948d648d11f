using System;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Persistence.Sql;
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
                name: "AuditChainHeads",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainHeads", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
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
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Aussonderungen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfferedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OfferedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ArchiveName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OfferReceiptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AppraisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Aussonderungen", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IntakeItems",
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
                    SourcePath = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
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
                    DokumentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DokumentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Confidentiality = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
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
                    table.PrimaryKey("PK_IntakeItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntakeItems_IntakeItems_ParentId",
                        column: x => x.ParentId,
                        principalTable: "IntakeItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Loeschnachweise",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    AkteId = table.Column<Guid>(type: "uuid", nullable: true),
                    VorgangId = table.Column<Guid>(type: "uuid", nullable: true),
                    DokumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    VersionNumber = table.Column<int>(type: "integer", nullable: true),
                    Aktenzeichen = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DokumentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ContentHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    ContentLength = table.Column<long>(type: "bigint", nullable: true),
                    Fingerprint = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DecisionReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DeletedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Loeschnachweise", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Restrictions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonFingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Restrictions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    VorgangId = table.Column<Guid>(type: "uuid", nullable: false),
                    PositionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Aktenzeichen = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DokumentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TitleTerms = table.Column<string>(type: "text", nullable: false),
                    BodyTerms = table.Column<string>(type: "text", nullable: false),
                    Restricted = table.Column<bool>(type: "boolean", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.Id);
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
                    LegalHold = table.Column<bool>(type: "boolean", nullable: false),
                    LegalHoldReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
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
                name: "AktenzeichenCounters",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PositionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    LastNumber = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AktenzeichenCounters", x => new { x.TenantId, x.PositionId, x.Year });
                    table.ForeignKey(
                        name: "FK_AktenzeichenCounters_AktenplanPositionen_PositionId",
                        column: x => x.PositionId,
                        principalTable: "AktenplanPositionen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AussonderungObjekte",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    AussonderungId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ObjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    AkteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Aktenzeichen = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Proposed = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    TransferredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DisposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AussonderungObjekte", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AussonderungObjekte_Aussonderungen_AussonderungId",
                        column: x => x.AussonderungId,
                        principalTable: "Aussonderungen",
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
                name: "Beteiligte",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VorgangId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Email = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Beteiligte", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Beteiligte_Vorgaenge_VorgangId",
                        column: x => x.VorgangId,
                        principalTable: "Vorgaenge",
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
                name: "VorgangProcesses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VorgangId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessInstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LinkedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VorgangProcesses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VorgangProcesses_Vorgaenge_VorgangId",
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
                    DokumentDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DokumentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
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
                name: "IX_Akten_TenantId_State",
                table: "Akten",
                columns: new[] { "TenantId", "State" });

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
                name: "IX_AktenzeichenCounters_PositionId",
                table: "AktenzeichenCounters",
                column: "PositionId");

            migrationBuilder.CreateIndex(
                name: "IX_AktenzeichenCounters_TenantId",
                table: "AktenzeichenCounters",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditChainHeads_TenantId",
                table: "AuditChainHeads",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TenantId",
                table: "AuditEntries",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TenantId_Sequence",
                table: "AuditEntries",
                columns: new[] { "TenantId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TenantId_SubjectId",
                table: "AuditEntries",
                columns: new[] { "TenantId", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_Aussonderungen_TenantId",
                table: "Aussonderungen",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AussonderungObjekte_AussonderungId_ObjectId",
                table: "AussonderungObjekte",
                columns: new[] { "AussonderungId", "ObjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AussonderungObjekte_TenantId",
                table: "AussonderungObjekte",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AussonderungObjekte_TenantId_ObjectId",
                table: "AussonderungObjekte",
                columns: new[] { "TenantId", "ObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_Beteiligte_TenantId",
                table: "Beteiligte",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Beteiligte_VorgangId",
                table: "Beteiligte",
                column: "VorgangId");

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
                name: "IX_IntakeItems_ContentHash",
                table: "IntakeItems",
                column: "ContentHash");

            migrationBuilder.CreateIndex(
                name: "IX_IntakeItems_FilingContentHash",
                table: "IntakeItems",
                column: "FilingContentHash");

            migrationBuilder.CreateIndex(
                name: "IX_IntakeItems_ParentId",
                table: "IntakeItems",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_IntakeItems_Status",
                table: "IntakeItems",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_IntakeItems_TenantId",
                table: "IntakeItems",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_IntakeItems_TenantId_Status",
                table: "IntakeItems",
                columns: new[] { "TenantId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Loeschnachweise_TenantId",
                table: "Loeschnachweise",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Loeschnachweise_TenantId_AkteId",
                table: "Loeschnachweise",
                columns: new[] { "TenantId", "AkteId" });

            migrationBuilder.CreateIndex(
                name: "IX_Loeschnachweise_TenantId_SubjectId",
                table: "Loeschnachweise",
                columns: new[] { "TenantId", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Restrictions_TenantId",
                table: "Restrictions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Restrictions_TenantId_SubjectId_PersonFingerprint",
                table: "Restrictions",
                columns: new[] { "TenantId", "SubjectId", "PersonFingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_TenantId",
                table: "SearchEntries",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_TenantId_Date",
                table: "SearchEntries",
                columns: new[] { "TenantId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_TenantId_VorgangId",
                table: "SearchEntries",
                columns: new[] { "TenantId", "VorgangId" });

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
                name: "IX_VorgangProcesses_TenantId",
                table: "VorgangProcesses",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_VorgangProcesses_TenantId_ProcessInstanceId",
                table: "VorgangProcesses",
                columns: new[] { "TenantId", "ProcessInstanceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VorgangProcesses_VorgangId",
                table: "VorgangProcesses",
                column: "VorgangId");

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

            // The schema outside the EF model: named, tested SQL classes (ADR 0002).
            RecordsSchemaSql.Up(migrationBuilder, DatabaseProvider.Postgres);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            RecordsSchemaSql.Down(migrationBuilder, DatabaseProvider.Postgres);

            migrationBuilder.DropTable(
                name: "AktenzeichenCounters");

            migrationBuilder.DropTable(
                name: "AuditChainHeads");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "AussonderungObjekte");

            migrationBuilder.DropTable(
                name: "Beteiligte");

            migrationBuilder.DropTable(
                name: "DokumentVersionen");

            migrationBuilder.DropTable(
                name: "IntakeItems");

            migrationBuilder.DropTable(
                name: "Loeschnachweise");

            migrationBuilder.DropTable(
                name: "Restrictions");

            migrationBuilder.DropTable(
                name: "SearchEntries");

            migrationBuilder.DropTable(
                name: "Vermerke");

            migrationBuilder.DropTable(
                name: "VorgangProcesses");

            migrationBuilder.DropTable(
                name: "Wiedervorlagen");

            migrationBuilder.DropTable(
                name: "Aussonderungen");

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
