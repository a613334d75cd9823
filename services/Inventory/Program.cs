using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Inventory.Apis;
using Marketplace.Inventory.Extensions;
using Marketplace.Inventory.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("inventory");
builder.AddInventoryServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapInventoryApi();
app.MapReservationsApi();
app.MapProductEventHandlers();

await app.MigrateDatabaseAsync<InventoryDbContext>();
await app.RunAsync();
