using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Orders.Apis;
using Marketplace.Orders.Extensions;
using Marketplace.Orders.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("orders");
builder.AddOrdersServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapCartApi();
app.MapOrdersApi();
app.MapOrderStatusApi();
app.MapCatalogSubscriptions();
app.MapStockSubscriptions();

await app.MigrateDatabaseAsync<OrdersDbContext>();
await app.RunAsync();
