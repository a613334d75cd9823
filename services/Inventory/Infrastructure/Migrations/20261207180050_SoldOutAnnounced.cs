using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Inventory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SoldOutAnnounced : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "sold_out_announced",
                table: "inventories",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sold_out_announced",
                table: "inventories");
        }
    }
}
