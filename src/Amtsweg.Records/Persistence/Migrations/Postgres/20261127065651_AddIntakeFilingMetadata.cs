using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Records.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddIntakeFilingMetadata : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Confidentiality",
                table: "PosteingangEintraege",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DocumentDate",
                table: "PosteingangEintraege",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DocumentType",
                table: "PosteingangEintraege",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Confidentiality",
                table: "PosteingangEintraege");

            migrationBuilder.DropColumn(
                name: "DocumentDate",
                table: "PosteingangEintraege");

            migrationBuilder.DropColumn(
                name: "DocumentType",
                table: "PosteingangEintraege");
        }
    }
}
