using Marketplace.BuildingBlocks.Hosting;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Products.Apis;
using Marketplace.Products.DemoData;
using Marketplace.Products.Extensions;
using Marketplace.Products.Infrastructure;
using Marketplace.Products.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("products");
builder.AddProductsServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapProductsApi();

await app.MigrateDatabaseAsync<ProductsDbContext>();
await app.EnsureDocumentStoreAsync();
await app.SeedDemoCatalogAsync();
await app.RunAsync();
