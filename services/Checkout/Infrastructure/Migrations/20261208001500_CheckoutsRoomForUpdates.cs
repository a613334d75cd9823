using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Checkout.Infrastructure.Migrations;

/// <summary>
/// A saga's row is written six times within a second (each step's record, then the result). With full pages most of
/// those versions went to another page, and each such update added an entry to every index of the table (only 39%
/// stayed on their page under checkout load). Half of each page left free keeps a saga's versions on its page, where
/// the indexes need no new entries and the server prunes the old versions.
/// </summary>
[DbContext(typeof(CheckoutDbContext))]
[Migration("20261208001500_CheckoutsRoomForUpdates")]
public sealed class CheckoutsRoomForUpdates : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE checkouts SET (fillfactor = 50);");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE checkouts RESET (fillfactor);");
}
