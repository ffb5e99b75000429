using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebMail.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LabelsAndOrganizeSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Labels",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Colour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Labels", x => new { x.UserName, x.Keyword });
                });

            migrationBuilder.CreateTable(
                name: "OrganizeSettings",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    KeyboardShortcuts = table.Column<bool>(type: "INTEGER", nullable: false),
                    AfterMove = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ArchivePerYear = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizeSettings", x => x.UserName);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Labels");

            migrationBuilder.DropTable(
                name: "OrganizeSettings");
        }
    }
}
