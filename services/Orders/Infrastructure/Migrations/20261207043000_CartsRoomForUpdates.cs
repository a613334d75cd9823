using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Orders.Infrastructure.Migrations;

/// <summary>
/// A cart row gets a new version with every change to its cart, and a shop has few carts: with full pages each new
/// version went to another page, and between vacuums the table grew to twenty times its rows' size, which every scan of
/// it then read. Half of each page left free keeps a cart's versions on its own page, where the server prunes them.
/// </summary>
[DbContext(typeof(OrdersDbContext))]
[Migration("20261207043000_CartsRoomForUpdates")]
public sealed class CartsRoomForUpdates : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE carts SET (fillfactor = 50);");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE carts RESET (fillfactor);");
}
