using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Checkout.Apis;
using Marketplace.Checkout.Extensions;
using Marketplace.Checkout.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("checkout");
builder.AddCheckoutServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapCheckoutApi();
app.MapOrderEventSubscriptions();

await app.MigrateDatabaseAsync<CheckoutDbContext>();
await app.RunAsync();
