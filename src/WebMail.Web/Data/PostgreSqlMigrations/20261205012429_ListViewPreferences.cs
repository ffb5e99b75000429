using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebMail.Web.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class ListViewPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ListViewPreferences",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Conversations = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListViewPreferences", x => x.UserName);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ListViewPreferences");
        }
    }
}
