using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebMail.Web.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class UserPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ComposeFormat",
                table: "OrganizeSettings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Html");

            migrationBuilder.AddColumn<string>(
                name: "Density",
                table: "OrganizeSettings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Comfortable");

            migrationBuilder.AddColumn<bool>(
                name: "DesktopNotifications",
                table: "OrganizeSettings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "OrganizeSettings",
                type: "character varying(35)",
                maxLength: 35,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "MarkAsRead",
                table: "OrganizeSettings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "AtOnce");

            migrationBuilder.AddColumn<int>(
                name: "MarkAsReadDelaySeconds",
                table: "OrganizeSettings",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<string>(
                name: "ReadingPane",
                table: "OrganizeSettings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Right");

            migrationBuilder.AddColumn<string>(
                name: "ReplyPosition",
                table: "OrganizeSettings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "AboveQuote");

            migrationBuilder.AddColumn<string>(
                name: "SignaturePlacement",
                table: "OrganizeSettings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "BelowReply");

            migrationBuilder.AddColumn<string>(
                name: "Theme",
                table: "OrganizeSettings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "System");

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "OrganizeSettings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ComposeFormat",
                table: "OrganizeSettings");

            migrationBuilder.DropColumn(
                name: "Density",
                table: "OrganizeSettings");

            migrationBuilder.DropColumn(
                name: "DesktopNotifications",
                table: "OrganizeSettings");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "OrganizeSettings");

            migrationBuilder.DropColumn(
                name: "MarkAsRead",
                table: "OrganizeSettings");

            migrationBuilder.DropColumn(
                name: "MarkAsReadDelaySeconds",
                table: "OrganizeSettings");

            migrationBuilder.DropColumn(
                name: "ReadingPane",
                table: "OrganizeSettings");

            migrationBuilder.DropColumn(
                name: "ReplyPosition",
                table: "OrganizeSettings");

            migrationBuilder.DropColumn(
                name: "SignaturePlacement",
                table: "OrganizeSettings");

            migrationBuilder.DropColumn(
                name: "Theme",
                table: "OrganizeSettings");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "OrganizeSettings");
        }
    }
}
