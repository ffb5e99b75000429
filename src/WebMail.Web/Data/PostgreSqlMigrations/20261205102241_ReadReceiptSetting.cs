using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebMail.Web.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class ReadReceiptSetting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "NeverAskReadReceipts",
                table: "OrganizeSettings",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NeverAskReadReceipts",
                table: "OrganizeSettings");
        }
    }
}
