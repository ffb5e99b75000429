using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebMail.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClusterSignIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "ProtectedPassword",
                table: "SignIns",
                type: "BLOB",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClusterSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClusterSecrets", x => x.Name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClusterSecrets");

            migrationBuilder.DropColumn(
                name: "ProtectedPassword",
                table: "SignIns");
        }
    }
}
