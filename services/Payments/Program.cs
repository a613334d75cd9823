using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Payments.Apis;
using Marketplace.Payments.Extensions;
using Marketplace.Payments.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("payments");
builder.AddPaymentsServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapPaymentsApi();
app.MapOrderEventHandlers();

await app.MigrateDatabaseAsync<PaymentsDbContext>();
await app.RunAsync();
