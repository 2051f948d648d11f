using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Amtsweg.Server.Platform.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MunicipalitySettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "FourEyesDeployments",
                table: "Municipalities",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SessionTimeoutMinutes",
                table: "Municipalities",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SettingsUpdatedAt",
                table: "Municipalities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SettingsUpdatedBy",
                table: "Municipalities",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FourEyesDeployments",
                table: "Municipalities");

            migrationBuilder.DropColumn(
                name: "SessionTimeoutMinutes",
                table: "Municipalities");

            migrationBuilder.DropColumn(
                name: "SettingsUpdatedAt",
                table: "Municipalities");

            migrationBuilder.DropColumn(
                name: "SettingsUpdatedBy",
                table: "Municipalities");
        }
    }
}
